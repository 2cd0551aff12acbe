package dev.coderunner.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

/**
 * The keyset from {@code CODERUNNER_SECRETS_KEYSET} (base64 of the Tink JSON keyset), for hosts that
 * inject secrets through the environment. Read-only: rotate by changing the variable and restarting.
 */
class EnvSecretKeys implements SecretKeys {

    static final String VARIABLE = "CODERUNNER_SECRETS_KEYSET";

    private final String base64;

    EnvSecretKeys(String base64) {
        this.base64 = base64.strip();
    }

    @Override
    public Optional<KeysetHandle> load() {
        try {
            String json = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            return Optional.of(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException(VARIABLE + " is not the base64 of a Tink JSON keyset");
        }
    }

    @Override
    public void save(KeysetHandle keyset) {
        throw new UnsupportedOperationException(VARIABLE + " is read-only");
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public String describe() {
        return "environment variable " + VARIABLE;
    }
}
