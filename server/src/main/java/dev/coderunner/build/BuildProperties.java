package dev.coderunner.build;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Build settings ({@code coderunner.build.*}): how long a build command may run before it is killed. */
@ConfigurationProperties("coderunner.build")
public record BuildProperties(@DefaultValue("15m") Duration timeout) {

    public BuildProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("coderunner.build.timeout must be positive, got " + timeout);
        }
    }
}
