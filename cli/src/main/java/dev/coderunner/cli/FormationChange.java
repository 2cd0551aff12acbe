package dev.coderunner.cli;

import java.util.regex.Pattern;

/** One {@code TYPE=COUNT} argument of {@code scale}, e.g. {@code web=3}. */
record FormationChange(String processType, int count) {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,29}");
    static final int MAX_INSTANCES = 100;

    static FormationChange parse(String text) {
        int eq = text.indexOf('=');
        String type = eq < 0 ? text : text.substring(0, eq);
        if (eq < 0 || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not TYPE=COUNT (e.g. web=3)");
        }
        String count = text.substring(eq + 1);
        try {
            int n = Integer.parseInt(count);
            if (n >= 0 && n <= MAX_INSTANCES) {
                return new FormationChange(type, n);
            }
        } catch (NumberFormatException e) {
            // reported below with the bad value
        }
        throw new IllegalArgumentException("'" + text + "': the count must be a whole number from 0 to "
                + MAX_INSTANCES + ", not '" + count + "'");
    }
}
