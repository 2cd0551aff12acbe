package dev.coderunner.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LevelDetectionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"level\":\"error\",\"msg\":\"boom\"}|ERROR",
            "{\"severity\":\"WARNING\",\"message\":\"x\"}|WARN",
            "{\"level\":30,\"msg\":\"pino info\"}|INFO",
            "{\"level\":50,\"msg\":\"pino error\"}|ERROR",
            "{\"time\":1,\"lvl\":\"debug\"}|DEBUG",
            "time=2024-01-01 level=warn msg=\"disk low\"|WARN",
            "level=error msg=failed|ERROR",
            "2024-11-25 10:00:00.123 ERROR 1234 --- [main] o.s.Boot : failed|ERROR",
            "[WARN] retrying in 5s|WARN",
            "INFO: server listening on 3000|INFO",
            "DEBUG cache miss|DEBUG",
            "TRACE entering foo()|TRACE",
            "error: cannot find module|ERROR",
            "FATAL out of memory|FATAL",
            "2024-11-25T10:00:00Z CRITICAL database gone|FATAL"})
    void recognisesLevels(String line, Level expected) {
        assertThat(Level.detect(line)).isEqualTo(expected);
    }

    @Test
    void plainLinesHaveNoLevel() {
        assertThat(Level.detect("GET /healthz 200 1ms")).isNull();
        assertThat(Level.detect("information about errors in general")).isNull();
        assertThat(Level.detect("{\"msg\":\"no level here\"}")).isNull();
    }

    @Test
    void levelsAreOrdered() {
        assertThat(Level.ERROR.atLeast(Level.WARN)).isTrue();
        assertThat(Level.INFO.atLeast(Level.ERROR)).isFalse();
        assertThat(Level.parse("warning")).isEqualTo(Level.WARN);
    }
}
