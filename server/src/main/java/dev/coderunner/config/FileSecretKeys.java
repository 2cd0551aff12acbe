package dev.coderunner.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Optional;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

/** The default: the keyset as Tink JSON in {@code $CODERUNNER_HOME/keys/secrets.json}, mode 600. */
class FileSecretKeys implements SecretKeys {

    private final Path file;

    FileSecretKeys(Path file) {
        this.file = file;
    }

    @Override
    public Optional<KeysetHandle> load() {
        return read(file).map(text -> {
            try {
                return TinkJsonProtoKeysetFormat.parseKeyset(text, InsecureSecretKeyAccess.get());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the secrets keyset " + file + " is not a valid Tink keyset", e);
            }
        });
    }

    @Override
    public void save(KeysetHandle keyset) {
        try {
            write(file, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialise the secrets keyset", e);
        }
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secrets keyset " + file, e);
        }
    }

    /** Writes through a temporary file (mode 600) and an atomic move, so a crash never leaves half a keyset. */
    static void write(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secrets keyset " + file, e);
        }
    }
}
