package dev.coderunner.build;

import dev.coderunner.health.HealthCheckSpec;

/**
 * One process type of a manifest: the shell command that starts it (run with {@code sh -c} in the
 * slug folder), how many instances a first deploy starts, and its health check ({@code web} only).
 */
public record ProcessSpec(String command, int instances, HealthCheckSpec health) {
}
