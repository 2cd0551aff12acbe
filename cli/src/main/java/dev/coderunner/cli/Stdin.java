package dev.coderunner.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Secrets come from stdin, never from arguments (which other users can see in the process list). */
final class Stdin {

    private Stdin() {
    }

    static String firstLine(CliContext context, String what) {
        try {
            String line = new BufferedReader(new InputStreamReader(context.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException("expected " + what + ", but stdin was empty", CliException.USAGE);
            }
            return line;
        } catch (IOException e) {
            throw new CliException("cannot read stdin (" + e.getMessage() + ")");
        }
    }
}
