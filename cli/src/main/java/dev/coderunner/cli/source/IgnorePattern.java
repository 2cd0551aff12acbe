package dev.coderunner.cli.source;

import java.util.regex.Pattern;

/**
 * One line of a {@code .gitignore}-syntax file, compiled to a regex over paths relative to the directory that
 * holds the file: {@code *}, {@code ?}, {@code [a-z]}, {@code **}, {@code !} negation, a leading or middle
 * {@code /} anchoring, and a trailing {@code /} for directories only.
 */
record IgnorePattern(String base, Pattern regex, boolean negated, boolean directoryOnly, String source) {

    /** Compiles {@code line} found in directory {@code base} ("" for the root); null for blanks and comments. */
    static IgnorePattern parse(String base, String line) {
        String text = trimTrailingSpaces(line);
        if (text.isEmpty() || text.startsWith("#")) {
            return null;
        }
        boolean negated = text.startsWith("!");
        if (negated || text.startsWith("\\!") || text.startsWith("\\#")) {
            text = text.substring(1);
        }
        boolean directoryOnly = text.endsWith("/") && !text.endsWith("\\/");
        if (directoryOnly) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            return null;
        }
        boolean anchored = text.indexOf('/') >= 0;
        if (text.startsWith("/")) {
            text = text.substring(1);
        }
        String body = translate(text);
        String regex = anchored ? body : "(?:.*/)?" + body;
        return new IgnorePattern(base, Pattern.compile(regex, Pattern.DOTALL), negated, directoryOnly, line);
    }

    /** Whether this pattern matches {@code path} (relative to the source root, {@code /}-separated). */
    boolean matches(String path, boolean directory) {
        if (directoryOnly && !directory) {
            return false;
        }
        String relative;
        if (base.isEmpty()) {
            relative = path;
        } else if (path.startsWith(base + "/")) {
            relative = path.substring(base.length() + 1);
        } else {
            return false;
        }
        return regex.matcher(relative).matches();
    }

    private static String translate(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i) && (i == 0 || glob.charAt(i - 1) == '/')) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (glob.startsWith("**", i) && i + 2 == glob.length() && (i == 0 || glob.charAt(i - 1) == '/')) {
                regex.append(".*");
                i += 2;
            } else if (c == '*') {
                regex.append("[^/]*");
                i = skipStars(glob, i);
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int end = glob.indexOf(']', i + 2);
                String set = glob.substring(i + 1, end);
                if (set.startsWith("!") || set.startsWith("^")) {
                    set = "^" + set.substring(1);
                }
                regex.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = end + 1;
            } else if (c == '\\' && i + 1 < glob.length()) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                i += 2;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return regex.toString();
    }

    private static int skipStars(String glob, int i) {
        while (i < glob.length() && glob.charAt(i) == '*') {
            i++;
        }
        return i;
    }

    private static String trimTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')
                && !(end > 1 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        String text = line.substring(0, end);
        return text.endsWith("\\ ") ? text.substring(0, text.length() - 2) + " " : text;
    }
}
