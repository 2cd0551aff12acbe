package dev.coderunner.events;

import java.time.Instant;

/**
 * One event on a channel ({@code deployments:<app>/<env>}, {@code instances:<app>/<env>}, {@code notifications}, …).
 * {@code seq} grows by one per channel, so a subscriber can see what it missed and resume from it.
 */
public record Event(String channel, long seq, String type, Instant time, Object data) {
}
