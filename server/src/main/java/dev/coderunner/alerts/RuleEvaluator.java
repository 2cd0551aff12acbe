package dev.coderunner.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * The state machine of one rule, free of storage and time sources so it is tested with plain instants:
 * {@code ok → pending} on the first breached value, {@code pending → firing} once breached for the rule's
 * {@code for} duration, {@code firing → ok} only once the value recovers past the resolve threshold.
 * Missing data neither fires nor resolves.
 */
final class RuleEvaluator {

    /** What the caller must do after an evaluation. */
    enum Outcome { NONE, FIRE, RESOLVE }

    /** The rule's state as the API shows it. */
    enum State {
        OK, PENDING, FIRING, NO_DATA, DISABLED;

        String wire() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** What is remembered of a rule between evaluations. */
    static final class Track {
        Instant breachSince;
        State state = State.OK;
        Double lastValue;
        Instant evaluatedAt;
    }

    private RuleEvaluator() {
    }

    /**
     * Evaluates {@code rule} on {@code value} at {@code now}; {@code firing} says whether an alert of this rule is open.
     * Updates {@code track} and answers whether to fire or resolve.
     */
    static Outcome evaluate(AlertRule rule, Track track, boolean firing, OptionalDouble value, Instant now) {
        track.evaluatedAt = now;
        if (value.isEmpty()) {
            track.breachSince = null;
            track.lastValue = null;
            track.state = firing ? State.FIRING : State.NO_DATA;
            return Outcome.NONE;
        }
        double v = value.getAsDouble();
        track.lastValue = v;
        if (firing) {
            if (rule.recovered(v)) {
                track.breachSince = null;
                track.state = State.OK;
                return Outcome.RESOLVE;
            }
            track.state = State.FIRING;
            return Outcome.NONE;
        }
        if (!rule.breached(v)) {
            track.breachSince = null;
            track.state = State.OK;
            return Outcome.NONE;
        }
        if (track.breachSince == null) {
            track.breachSince = now;
        }
        if (Duration.between(track.breachSince, now).compareTo(rule.forDuration()) >= 0) {
            track.state = State.FIRING;
            return Outcome.FIRE;
        }
        track.state = State.PENDING;
        return Outcome.NONE;
    }
}
