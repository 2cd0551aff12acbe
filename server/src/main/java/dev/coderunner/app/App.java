package dev.coderunner.app;

import java.time.Instant;

/** A named application; environments live inside it. */
public record App(String name, Instant createdAt, String createdBy) {
}
