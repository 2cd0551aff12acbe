package dev.coderunner.config;

import com.google.crypto.tink.Aead;

/**
 * A KMS-style key that wraps the secrets keyset (envelope encryption): the keyset file is useless without
 * the KMS. Provide one as a Spring bean (e.g. backed by Tink's GCP or AWS KMS integration) and the
 * keyset is stored wrapped by it.
 */
public interface KeyEncryptionKey {

    /** The remote AEAD; every call may reach the KMS. */
    Aead aead();

    /** The key's identifier at the KMS, bound to the wrapped keyset as associated data. */
    String uri();
}
