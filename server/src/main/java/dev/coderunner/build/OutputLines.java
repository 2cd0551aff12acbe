package dev.coderunner.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a child's output into lines as they arrive. A line longer than {@link #MAX_LINE} is cut
 * into pieces so a build printing megabytes without a newline cannot exhaust the heap.
 */
final class OutputLines {

    static final int MAX_LINE = 8192;

    private OutputLines() {
    }

    /** Reads until end of stream; carriage returns (progress bars) end a line too. */
    static void pump(InputStream in, Consumer<String> output) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder();
        char[] buffer = new char[4096];
        boolean lastWasCr = false;
        for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
            for (int i = 0; i < n; i++) {
                char c = buffer[i];
                if (c == '\n' && lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                lastWasCr = c == '\r';
                if (c == '\n' || c == '\r') {
                    output.accept(line.toString());
                    line.setLength(0);
                } else {
                    line.append(c);
                    if (line.length() >= MAX_LINE) {
                        output.accept(line.toString());
                        line.setLength(0);
                    }
                }
            }
        }
        if (!line.isEmpty()) {
            output.accept(line.toString());
        }
    }
}
