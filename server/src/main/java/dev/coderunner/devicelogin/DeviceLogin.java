package dev.coderunner.devicelogin;

import java.time.Instant;

/** One CLI login waiting for (or done with) a person's approval. Only the device code's hash is stored. */
record DeviceLogin(String id, String userCode, String clientName, String clientIp, Instant createdAt, Instant expiresAt,
        Instant lastPolledAt, String approvedBy, Instant approvedAt, Instant deniedAt, Instant consumedAt) {

    boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    boolean open(Instant now) {
        return !expired(now) && approvedAt == null && deniedAt == null && consumedAt == null;
    }
}
