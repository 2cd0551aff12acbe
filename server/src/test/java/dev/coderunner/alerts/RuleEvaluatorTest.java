package dev.coderunner.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import static dev.coderunner.alerts.RuleEvaluator.Outcome.FIRE;
import static dev.coderunner.alerts.RuleEvaluator.Outcome.NONE;
import static dev.coderunner.alerts.RuleEvaluator.Outcome.RESOLVE;
import static org.assertj.core.api.Assertions.assertThat;

/** The rule state machine on plain instants: for-duration, hysteresis, missing data. */
class RuleEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private final AlertRule cpuOver80For30s = rule(Comparison.GT, 80, Duration.ofSeconds(30), 60);
    private final RuleEvaluator.Track track = new RuleEvaluator.Track();
    private boolean firing;

    @Test
    void firesOnceAfterBreachingForTheWholeDuration() {
        assertThat(step(90, 0)).isEqualTo(NONE);
        assertThat(track.state).isEqualTo(RuleEvaluator.State.PENDING);
        assertThat(step(95, 15)).isEqualTo(NONE);
        assertThat(step(91, 29)).isEqualTo(NONE);
        assertThat(step(91, 30)).isEqualTo(FIRE);
        assertThat(track.breachSince).isEqualTo(T0);
        assertThat(step(99, 45)).isEqualTo(NONE);
        assertThat(step(99, 300)).isEqualTo(NONE);
        assertThat(track.state).isEqualTo(RuleEvaluator.State.FIRING);
    }

    @Test
    void aDipBelowTheThresholdStartsTheDurationAgain() {
        step(90, 0);
        step(70, 20);
        assertThat(track.state).isEqualTo(RuleEvaluator.State.OK);
        assertThat(step(90, 25)).isEqualTo(NONE);
        assertThat(step(90, 54)).isEqualTo(NONE);
        assertThat(step(90, 55)).isEqualTo(FIRE);
    }

    @Test
    void resolvesOnlyBelowTheResolveThreshold() {
        step(90, 0);
        assertThat(step(90, 30)).isEqualTo(FIRE);
        assertThat(step(79, 40)).as("under the threshold but above the resolve threshold").isEqualTo(NONE);
        assertThat(step(60, 50)).as("at the resolve threshold is not below it").isEqualTo(NONE);
        assertThat(step(59.9, 60)).isEqualTo(RESOLVE);
        assertThat(track.state).isEqualTo(RuleEvaluator.State.OK);
        assertThat(step(90, 70)).as("a new breach waits for the full duration again").isEqualTo(NONE);
        assertThat(step(90, 100)).isEqualTo(FIRE);
    }

    @Test
    void lowSideRulesResolveAboveTheirResolveThreshold() {
        AlertRule fewRequests = rule(Comparison.LE, 1, Duration.ZERO, 5);
        assertThat(RuleEvaluator.evaluate(fewRequests, track, false, OptionalDouble.of(1), T0)).isEqualTo(FIRE);
        assertThat(RuleEvaluator.evaluate(fewRequests, track, true, OptionalDouble.of(4), T0.plusSeconds(10))).isEqualTo(NONE);
        assertThat(RuleEvaluator.evaluate(fewRequests, track, true, OptionalDouble.of(6), T0.plusSeconds(20))).isEqualTo(RESOLVE);
    }

    @Test
    void missingDataNeitherFiresNorResolves() {
        step(90, 0);
        assertThat(RuleEvaluator.evaluate(cpuOver80For30s, track, false, OptionalDouble.empty(), T0.plusSeconds(10))).isEqualTo(NONE);
        assertThat(track.state).isEqualTo(RuleEvaluator.State.NO_DATA);
        assertThat(step(90, 20)).as("the breach counts from after the gap").isEqualTo(NONE);
        assertThat(step(90, 49)).isEqualTo(NONE);
        assertThat(step(90, 50)).isEqualTo(FIRE);
        assertThat(RuleEvaluator.evaluate(cpuOver80For30s, track, true, OptionalDouble.empty(), T0.plusSeconds(60))).isEqualTo(NONE);
        assertThat(track.state).isEqualTo(RuleEvaluator.State.FIRING);
    }

    private RuleEvaluator.Outcome step(double value, int atSecond) {
        RuleEvaluator.Outcome o = RuleEvaluator.evaluate(cpuOver80For30s, track, firing, OptionalDouble.of(value), T0.plusSeconds(atSecond));
        if (o == FIRE) {
            firing = true;
        } else if (o == RESOLVE) {
            firing = false;
        }
        return o;
    }

    static AlertRule rule(Comparison c, double threshold, Duration forDuration, double resolve) {
        return new AlertRule("alr_1", "shop", "production", "rule", AlertMetric.CPU_PERCENT, c, threshold, forDuration, resolve,
                Severity.WARNING, List.of(), true, T0, "admin", T0);
    }
}
