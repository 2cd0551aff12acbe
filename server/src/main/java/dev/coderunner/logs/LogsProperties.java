package dev.coderunner.logs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of log capture and storage ({@code coderunner.logs.*}).
 *
 * @param segmentSize   a segment file is sealed and a new one started past this size
 * @param maxAge        default retention by age (per environment overridable through the API)
 * @param maxSize       default retention by disk use per environment
 * @param pollInterval  longest pause of an idle tailer between looks at an instance's output files
 * @param groupTimeout  how long a possible stack-trace opener waits for continuation lines
 * @param recent        entries a late joiner gets before the live ones
 * @param maxLine       longest entry kept; longer ones are cut (and marked)
 * @param maxLag        unread output allowed per file before it is skipped, counted as dropped and marked by a gap
 * @param retentionInterval how often retention runs
 * @param outputRelease once this much more of a running instance's output file is stored, its disk blocks are freed
 */
@ConfigurationProperties("coderunner.logs")
public record LogsProperties(
        @DefaultValue("16MB") DataSize segmentSize,
        @DefaultValue("7d") Duration maxAge,
        @DefaultValue("1GB") DataSize maxSize,
        @DefaultValue("20ms") Duration pollInterval,
        @DefaultValue("100ms") Duration groupTimeout,
        @DefaultValue("1000") int recent,
        @DefaultValue("64KB") DataSize maxLine,
        @DefaultValue("512MB") DataSize maxLag,
        @DefaultValue("60s") Duration retentionInterval,
        @DefaultValue("64MB") DataSize outputRelease) {

    public LogsProperties {
        if (segmentSize.toBytes() < 4096) {
            throw new IllegalArgumentException("coderunner.logs.segment-size must be at least 4KB, was " + segmentSize);
        }
        if (recent < 0 || recent > 100_000) {
            throw new IllegalArgumentException("coderunner.logs.recent must be 0..100000, was " + recent);
        }
        if (outputRelease.toBytes() < OutputSpace.BLOCK) {
            throw new IllegalArgumentException("coderunner.logs.output-release must be at least 4KB, was " + outputRelease);
        }
        if (maxLine.toBytes() < 1024) {
            throw new IllegalArgumentException("coderunner.logs.max-line must be at least 1KB, was " + maxLine);
        }
    }

    static LogsProperties defaults() {
        return new LogsProperties(DataSize.ofMegabytes(16), Duration.ofDays(7), DataSize.ofGigabytes(1), Duration.ofMillis(20),
                Duration.ofMillis(100), 1000, DataSize.ofKilobytes(64), DataSize.ofMegabytes(512), Duration.ofSeconds(60), DataSize.ofMegabytes(64));
    }
}
