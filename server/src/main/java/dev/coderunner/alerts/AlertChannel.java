package dev.coderunner.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * Where notifications go: a channel of one app, or a global one ({@code app} null). {@code settings} holds what
 * may be shown (email recipients, a PagerDuty endpoint); {@code secretCipher} the encrypted rest (URLs, keys).
 */
record AlertChannel(String id, String app, String name, ChannelType type, Map<String, String> settings, String secretCipher,
        Instant createdAt, String createdBy, long sent, long failed, String lastError, Instant lastErrorAt) {

    /** The Tink associated data of this channel's secrets: a ciphertext copied to another row does not decrypt. */
    String secretContext() {
        return "alert-channel:" + id;
    }
}
