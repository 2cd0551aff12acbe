package dev.coderunner.files;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits for uploaded source archives ({@code coderunner.files.*}): the compressed upload, the
 * unpacked total and the number of entries, so one upload cannot fill the disk or the inode table.
 */
@ConfigurationProperties("coderunner.files")
public record FilesProperties(
        @DefaultValue("200MB") DataSize maxArchiveSize,
        @DefaultValue("1GB") DataSize maxUnpackedSize,
        @DefaultValue("20000") int maxEntries) {

    public FilesProperties {
        if (maxArchiveSize.toBytes() <= 0 || maxUnpackedSize.toBytes() <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("coderunner.files limits must be positive, got max-archive-size="
                    + maxArchiveSize + ", max-unpacked-size=" + maxUnpackedSize + ", max-entries=" + maxEntries);
        }
    }

    /** The defaults, for code that runs without Spring (tests, tools). */
    public static FilesProperties defaults() {
        return new FilesProperties(DataSize.ofMegabytes(200), DataSize.ofGigabytes(1), 20_000);
    }
}
