package dev.coderunner.logs;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineGrouperTest {

    private final List<LineGrouper.Group> out = new ArrayList<>();
    private final LineGrouper grouper = new LineGrouper(64 * 1024, 100_000);
    private long end;

    private void lines(long now, String... lines) {
        for (String l : lines) {
            end += l.length() + 1;
            grouper.accept(l, end, now, out::add);
        }
        grouper.settle(now, out::add);
    }

    @Test
    void javaStackTraceIsOneEntry() {
        lines(0, "starting",
                "Exception in thread \"main\" java.lang.IllegalStateException: boom",
                "\tat com.example.App.run(App.java:10)",
                "\tat com.example.App.main(App.java:5)",
                "Caused by: java.io.IOException: disk",
                "\t... 2 more",
                "next line");
        grouper.flush(out::add);
        assertThat(out).extracting(LineGrouper.Group::message).containsExactly("starting",
                "Exception in thread \"main\" java.lang.IllegalStateException: boom\n\tat com.example.App.run(App.java:10)\n"
                        + "\tat com.example.App.main(App.java:5)\nCaused by: java.io.IOException: disk\n\t... 2 more",
                "next line");
        assertThat(out.get(1).level()).isEqualTo(Level.ERROR);
        assertThat(out.get(1).end()).isEqualTo(out.get(2).end() - "next line".length() - 1);
    }

    @Test
    void pythonTracebackEndsWithItsExceptionLine() {
        lines(0, "Traceback (most recent call last):", "  File \"app.py\", line 3, in <module>", "    main()",
                "ValueError: bad value", "after");
        grouper.flush(out::add);
        assertThat(out).extracting(LineGrouper.Group::message).containsExactly(
                "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n    main()\nValueError: bad value", "after");
        assertThat(out.getFirst().level()).isEqualTo(Level.ERROR);
    }

    @Test
    void plainLinesArePassedOnAtOnce() {
        lines(0, "one", "two");
        assertThat(out).extracting(LineGrouper.Group::message).containsExactly("one", "two");
    }

    @Test
    void aPossibleOpenerWaitsForItsContinuationUntilTheTimeout() {
        lines(0, "java.lang.RuntimeException: late");
        assertThat(out).isEmpty();
        lines(50_000, "\tat a.B.c(B.java:1)");
        assertThat(out).isEmpty();
        grouper.settle(149_999, out::add);
        assertThat(out).isEmpty();
        grouper.settle(150_000, out::add);
        assertThat(out).extracting(LineGrouper.Group::message).containsExactly("java.lang.RuntimeException: late\n\tat a.B.c(B.java:1)");
    }
}
