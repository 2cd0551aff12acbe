package dev.coderunner.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.coderunner.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * How an environment rolls out a release. {@code rolling} (default) replaces instances a few at a
 * time: at most {@code maxSurge} extra and {@code maxUnavailable} missing at any moment.
 * {@code blue-green} starts the whole new set, switches at once, and keeps the old set running for
 * {@code keepWarm} so a rollback within that time is instant. {@code readyTimeout} is how long new
 * instances get to become healthy before the deployment is rolled back.
 */
public record DeploySettings(String strategy, int maxSurge, int maxUnavailable, long keepWarmSeconds, long readyTimeoutSeconds) {

    public static final String ROLLING = "rolling";
    public static final String BLUE_GREEN = "blue-green";

    static DeploySettings defaults(Duration readyTimeout) {
        return new DeploySettings(ROLLING, 1, 0, 0, readyTimeout.toSeconds());
    }

    public Duration keepWarm() {
        return Duration.ofSeconds(keepWarmSeconds);
    }

    public Duration readyTimeout() {
        return Duration.ofSeconds(readyTimeoutSeconds);
    }

    /** Checks the values a user sent; every problem is named. */
    DeploySettings validated() {
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (!ROLLING.equals(strategy) && !BLUE_GREEN.equals(strategy)) {
            errors.add(new ApiException.FieldError("strategy", "must be 'rolling' or 'blue-green'"));
        }
        if (maxSurge < 0 || maxSurge > 20) {
            errors.add(new ApiException.FieldError("maxSurge", "must be 0 to 20"));
        }
        if (maxUnavailable < 0 || maxUnavailable > 20) {
            errors.add(new ApiException.FieldError("maxUnavailable", "must be 0 to 20"));
        }
        if (maxSurge == 0 && maxUnavailable == 0) {
            errors.add(new ApiException.FieldError("maxSurge", "maxSurge and maxUnavailable cannot both be 0: nothing could move"));
        }
        if (keepWarmSeconds < 0 || keepWarmSeconds > 86_400) {
            errors.add(new ApiException.FieldError("keepWarmSeconds", "must be between 0 and 86400"));
        }
        if (readyTimeoutSeconds < 1 || readyTimeoutSeconds > 3600) {
            errors.add(new ApiException.FieldError("readyTimeoutSeconds", "must be between 1 and 3600"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-deploy-settings", "Some deploy settings are not valid.", errors);
        }
        return this;
    }
}
