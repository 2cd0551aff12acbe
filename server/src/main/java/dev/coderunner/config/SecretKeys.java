package dev.coderunner.config;

import java.util.Optional;

import com.google.crypto.tink.KeysetHandle;

/**
 * Where the secrets keyset lives, always outside the database. Implementations: a file under
 * CODERUNNER_HOME ({@link FileSecretKeys}), an environment variable ({@link EnvSecretKeys}) and a file
 * wrapped by a KMS key ({@link KmsSecretKeys}).
 */
public interface SecretKeys {

    /** The stored keyset, or empty when none exists yet (first start). */
    Optional<KeysetHandle> load();

    /** Stores a changed keyset (after a rotation or retirement); only called when {@link #writable()}. */
    void save(KeysetHandle keyset);

    /** Whether {@link #save} works; a keyset given in an environment variable cannot be changed from here. */
    boolean writable();

    /** Where the keyset lives, for operators (never the key material). */
    String describe();
}
