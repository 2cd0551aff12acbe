package dev.coderunner.events;

import java.util.function.Predicate;

import dev.coderunner.auth.Principal;

/**
 * Who may listen to what on {@code /api/v1/ws}: the same rules as the REST routes (access.ChannelRules).
 * A channel about an app the caller cannot see is refused as if it did not exist; on shared channels
 * ({@code apps}, {@code notifications}, …) events about such apps are left out.
 */
public interface ChannelGuard {

    /** Whether {@code principal} may subscribe to {@code channel}. */
    boolean maySubscribe(Principal principal, String channel);

    /** What {@link #receivable} returns for a channel whose every event may be received (checked at subscribe time). */
    Predicate<Event> EVERY_EVENT = e -> true;

    /** A filter for the events of {@code channel} this principal may receive (checked per event), or {@link #EVERY_EVENT}. */
    Predicate<Event> receivable(Principal principal, String channel);
}
