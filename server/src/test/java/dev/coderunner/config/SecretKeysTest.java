package dev.coderunner.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keyset sources and the box's rotation, without Spring. */
class SecretKeysTest {

    @TempDir
    Path dir;

    @Test
    void aFileKeysetIsCreatedOnceWithMode600AndSurvivesARestart() throws Exception {
        Path file = dir.resolve("secrets.json");
        String ct = new SecretBox(new FileSecretKeys(file)).encrypt("v", "ctx");

        assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        assertThat(new SecretBox(new FileSecretKeys(file)).decrypt(ct, "ctx")).isEqualTo("v");
        assertThatThrownBy(() -> new SecretBox(new FileSecretKeys(file)).decrypt(ct, "other-row")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rotationKeepsOldValuesReadableAndReencryptsUnderTheNewPrimary() {
        SecretBox box = new SecretBox(new FileSecretKeys(dir.resolve("k.json")));
        int first = box.primaryKeyId();
        String old = box.encrypt("value", "ctx");

        SecretBox.KeyInfo second = box.rotate();
        assertThat(second.id()).isNotEqualTo(first);
        assertThat(box.decrypt(old, "ctx")).isEqualTo("value");
        String again = box.reencrypt(old, "ctx");
        assertThat(SecretBox.keyId(old)).isEqualTo(first);
        assertThat(SecretBox.keyId(again)).isEqualTo(second.id());
        assertThat(box.reencrypt(again, "ctx")).isSameAs(again);

        box.remove(first);
        SecretBox reloaded = new SecretBox(new FileSecretKeys(dir.resolve("k.json")));
        assertThat(reloaded.keys()).hasSize(1);
        assertThat(reloaded.decrypt(again, "ctx")).isEqualTo("value");
        assertThatThrownBy(() -> reloaded.decrypt(old, "ctx")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.remove(second.id())).hasMessageContaining("primary");
    }

    @Test
    void aKeysetFromTheEnvironmentWorksAndIsReadOnly() throws Exception {
        AeadConfig.register();
        KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        String base64 = Base64.getEncoder().encodeToString(
                TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()).getBytes(StandardCharsets.UTF_8));

        SecretBox box = new SecretBox(new EnvSecretKeys(base64));
        assertThat(box.decrypt(box.encrypt("v", "c"), "c")).isEqualTo("v");
        assertThat(box.canChangeKeys()).isFalse();
        assertThat(box.primaryKeyId()).isEqualTo(handle.getPrimary().getId());
        assertThatThrownBy(() -> new EnvSecretKeys("not base64!").load()).hasMessageContaining("CODERUNNER_SECRETS_KEYSET");
    }

    @Test
    void aKmsWrappedKeysetIsUselessWithoutTheKms() throws Exception {
        FakeKms kms = new FakeKms();
        Path file = dir.resolve("wrapped.json");
        SecretBox box = new SecretBox(new KmsSecretKeys(file, kms));
        String ct = box.encrypt("v", "c");
        box.rotate();

        assertThat(Files.readString(file)).doesNotContain("AES").contains("encryptedKeyset");
        assertThat(new SecretBox(new KmsSecretKeys(file, kms)).decrypt(ct, "c")).isEqualTo("v");
        assertThatThrownBy(() -> new KmsSecretKeys(file, new FakeKms()).load()).hasMessageContaining("does not decrypt");
    }

    /** The second {@link KeyEncryptionKey}: a local AEAD standing in for a KMS. */
    static final class FakeKms implements KeyEncryptionKey {
        private final Aead aead;

        FakeKms() throws GeneralSecurityException {
            AeadConfig.register();
            aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
        }

        @Override
        public Aead aead() {
            return aead;
        }

        @Override
        public String uri() {
            return "fake-kms://keys/test";
        }
    }
}
