package dev.coderunner.alerts;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of notification channel; each has its {@link Notifier}. */
enum ChannelType {
    WEBHOOK, SLACK, PAGERDUTY, EMAIL;

    String wire() {
        return name().toLowerCase();
    }

    static Optional<ChannelType> fromWire(String s) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(s)).findFirst();
    }
}
