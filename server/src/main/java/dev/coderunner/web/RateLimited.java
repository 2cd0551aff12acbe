package dev.coderunner.web;

import org.springframework.http.HttpStatus;

/** 429: a rate limit was reached. The answer carries {@code Retry-After} (seconds) and says when to try again. */
public class RateLimited extends ApiException {

    private final long retryAfterSeconds;

    public RateLimited(String type, String detail, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, type, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** "42 seconds", "3 minutes": for the human part of the message. */
    public static String humanWait(long seconds) {
        if (seconds < 90) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + " minutes";
    }
}
