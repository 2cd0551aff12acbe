package dev.coderunner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prints what commands produce: aligned tables and messages for people, raw JSON with {@code --json}. */
final class Output {

    private final PrintWriter out;
    private final PrintWriter err;
    private final JsonMapper json;

    Output(PrintWriter out, PrintWriter err, JsonMapper json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Progress and notes that are not the command's result go to stderr, so stdout stays pipeable. */
    void note(String text) {
        err.println(text);
        err.flush();
    }

    void json(JsonNode node) {
        line(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }

    void table(List<String> headers, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers.stream().map(String::toUpperCase).toList());
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cell(row, i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = cell(row, i);
                text.append(cell);
                if (i < widths.length - 1) {
                    text.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(text.toString().stripTrailing());
        }
        out.flush();
    }

    void table(List<String> headers, String... cells) {
        table(headers, List.of(Arrays.asList(cells)));
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() && row.get(i) != null ? row.get(i) : "";
    }

    /** A field as text: empty when missing or null, compact JSON for objects and arrays. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    /** {@code 2026-11-25T11:50:03.123Z} → {@code 2026-11-25 11:50:03}: short enough for a table. */
    static String time(JsonNode node, String field) {
        String iso = text(node, field);
        int dot = iso.indexOf('.');
        String trimmed = dot > 0 ? iso.substring(0, dot) : iso.replace("Z", "");
        return trimmed.replace('T', ' ');
    }

    static String bytes(long size) {
        if (size < 1024) {
            return size + " B";
        }
        double kb = size / 1024.0;
        return kb < 1024 ? String.format("%.1f KB", kb) : String.format("%.1f MB", kb / 1024);
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
        }
        if (seconds < 86400) {
            return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + "m");
        }
        return seconds / 86400 + "d" + (seconds % 86400 / 3600 == 0 ? "" : " " + seconds % 86400 / 3600 + "h");
    }
}
