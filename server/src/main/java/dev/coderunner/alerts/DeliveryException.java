package dev.coderunner.alerts;

/** A notification a receiver did not accept; {@code retryable} when a later try may succeed (network, 5xx, 429). */
final class DeliveryException extends Exception {

    private final boolean retryable;

    DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    DeliveryException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}
