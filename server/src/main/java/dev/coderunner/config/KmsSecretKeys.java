package dev.coderunner.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

/** The keyset in a file, encrypted by a {@link KeyEncryptionKey} (envelope encryption); the file alone reveals nothing. */
class KmsSecretKeys implements SecretKeys {

    private final Path file;
    private final KeyEncryptionKey kek;

    KmsSecretKeys(Path file, KeyEncryptionKey kek) {
        this.file = file;
        this.kek = kek;
    }

    @Override
    public Optional<KeysetHandle> load() {
        return FileSecretKeys.read(file).map(text -> {
            try {
                return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(text, kek.aead(), associatedData());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the wrapped keyset " + file + " does not decrypt with " + kek.uri(), e);
            }
        });
    }

    @Override
    public void save(KeysetHandle keyset) {
        try {
            FileSecretKeys.write(file, TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek.aead(), associatedData()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap the secrets keyset with " + kek.uri(), e);
        }
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public String describe() {
        return "file " + file + " wrapped by " + kek.uri();
    }

    private byte[] associatedData() {
        return ("coderunner-secrets-keyset:" + kek.uri()).getBytes(StandardCharsets.UTF_8);
    }
}
