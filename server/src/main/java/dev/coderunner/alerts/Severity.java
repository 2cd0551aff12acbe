package dev.coderunner.alerts;

import java.util.Arrays;
import java.util.Optional;

/** How urgent an alert is; PagerDuty gets the same words. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<Severity> fromWire(String s) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(s)).findFirst();
    }
}
