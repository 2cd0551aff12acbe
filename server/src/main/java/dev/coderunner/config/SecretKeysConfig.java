package dev.coderunner.config;

import dev.coderunner.CodeRunnerHome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses where the secrets keyset lives: wrapped by a {@link KeyEncryptionKey} bean when one exists,
 * else {@code CODERUNNER_SECRETS_KEYSET} when set, else {@code $CODERUNNER_HOME/keys/secrets.json}.
 */
@Configuration(proxyBeanMethods = false)
class SecretKeysConfig {

    @Bean
    SecretKeys secretKeys(CodeRunnerHome home, ObjectProvider<KeyEncryptionKey> kek,
            @Value("${CODERUNNER_SECRETS_KEYSET:}") String fromEnv) {
        KeyEncryptionKey wrapping = kek.getIfAvailable();
        if (wrapping != null) {
            return new KmsSecretKeys(home.dir("keys").resolve("secrets.wrapped.json"), wrapping);
        }
        if (!fromEnv.isBlank()) {
            return new EnvSecretKeys(fromEnv);
        }
        return new FileSecretKeys(home.dir("keys").resolve("secrets.json"));
    }
}
