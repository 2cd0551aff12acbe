package dev.coderunner.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class FilesPropertiesTest {

    @EnableConfigurationProperties(FilesProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void bindsDefaults() {
        context.run(c -> assertThat(c.getBean(FilesProperties.class)).isEqualTo(FilesProperties.defaults()));
    }

    @Test
    void bindsSizesWithUnits() {
        context.withPropertyValues("coderunner.files.max-archive-size=5MB", "coderunner.files.max-unpacked-size=2GB",
                "coderunner.files.max-entries=10").run(c -> {
                    FilesProperties properties = c.getBean(FilesProperties.class);
                    assertThat(properties.maxArchiveSize()).isEqualTo(DataSize.ofMegabytes(5));
                    assertThat(properties.maxUnpackedSize()).isEqualTo(DataSize.ofGigabytes(2));
                    assertThat(properties.maxEntries()).isEqualTo(10);
                });
    }

    @Test
    void refusesNonPositiveLimitsAtStartUp() {
        context.withPropertyValues("coderunner.files.max-entries=0").run(c -> assertThat(c).hasFailed());
    }
}
