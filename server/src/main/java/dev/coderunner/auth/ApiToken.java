package dev.coderunner.auth;

import java.time.Instant;

/** A named API token ({@code cr_…}) for the CLI and CI. Only its hash is stored. */
public record ApiToken(String id, String name, TokenScope scope, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
}
