package dev.coderunner.config;

import java.util.Map;

/**
 * A store that keeps {@link SecretBox} ciphertexts (config secrets, release snapshots). Key rotation goes
 * through every holder to re-encrypt under the new primary and to prove an old key is no longer used.
 */
public interface SecretHolder {

    /** A short name for reports, e.g. {@code config} or {@code releases}. */
    String name();

    /** How many stored ciphertexts each key id made. */
    Map<Integer, Long> keyUsage();

    /** Re-encrypts under the primary key every ciphertext the primary did not make; answers how many changed. */
    int reencrypt(SecretBox box);
}
