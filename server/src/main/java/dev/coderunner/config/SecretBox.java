package dev.coderunner.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.coderunner.CodeRunnerHome;
import org.springframework.stereotype.Component;

/**
 * Encrypts config secrets at rest with Tink AEAD (AES-256-GCM). The keyset lives outside the database,
 * in {@code $CODERUNNER_HOME/keys/secrets.json} (mode 600). The context (app/env/name) is bound as
 * associated data, so a ciphertext copied to another row does not decrypt.
 */
@Component
public class SecretBox {

    private static final String PREFIX = "tink:";
    private final Aead aead;

    SecretBox(CodeRunnerHome home) {
        try {
            AeadConfig.register();
            KeysetHandle keyset = loadOrCreate(home.dir("keys").resolve("secrets.json"));
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the secrets keyset", e);
        }
    }

    public String encrypt(String plaintext, String context) {
        try {
            byte[] ct = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ct);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String ciphertext, String context) {
        if (!ciphertext.startsWith(PREFIX)) {
            throw new IllegalStateException("not a ciphertext");
        }
        try {
            byte[] pt = aead.decrypt(Base64.getDecoder().decode(ciphertext.substring(PREFIX.length())), context.getBytes(StandardCharsets.UTF_8));
            return new String(pt, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret could not be decrypted (wrong key or tampered value)", e);
        }
    }

    private static KeysetHandle loadOrCreate(Path file) throws GeneralSecurityException {
        try {
            if (Files.exists(file)) {
                return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            }
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
            return handle;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the secrets keyset " + file, e);
        }
    }
}
