package dev.coderunner.alerts;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a rule compares a metric to its threshold. An alert of a {@code >}/{@code >=} rule resolves only once
 * the value is below the resolve threshold; one of a {@code <}/{@code <=} rule once it is above it (hysteresis).
 */
public enum Comparison {
    GT(">"), GE(">="), LT("<"), LE("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether the value breaches the threshold. */
    boolean breached(double value, double threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
        };
    }

    /** Whether a firing alert is over: strictly on the good side of the resolve threshold. */
    boolean recovered(double value, double resolveThreshold) {
        return upward() ? value < resolveThreshold : value > resolveThreshold;
    }

    /** True for rules that fire on high values. */
    boolean upward() {
        return this == GT || this == GE;
    }

    public static Optional<Comparison> fromSymbol(String symbol) {
        return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
    }
}
