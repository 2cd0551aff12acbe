package dev.coderunner.alerts;

import java.util.Map;

/** Sends notifications to one kind of channel (webhook, Slack, PagerDuty, email). */
interface Notifier {

    /** The channel type this notifier serves. */
    ChannelType type();

    /** Whether the channel type is told about this kind of event at all (Slack and email skip acknowledgements). */
    default boolean wants(String event) {
        return true;
    }

    /**
     * Delivers one notification; returns normally only when the receiver accepted it.
     *
     * @throws DeliveryException when it did not, saying whether trying again can help
     */
    void send(AlertChannel channel, Map<String, String> secrets, Notification notification) throws DeliveryException;
}
