package dev.coderunner.config;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What differs between two configs, name by name. Secret values are never shown: a changed secret says
 * {@code changed} with masked values on both sides.
 */
public record ConfigDiff(List<Change> changes) {

    /** One name's difference; {@code from}/{@code to} are null where the name is absent. */
    public record Change(String name, String change, boolean secret, String from, String to) {
    }

    public static ConfigDiff between(ConfigSnapshot from, ConfigSnapshot to) {
        TreeSet<String> names = new TreeSet<>(from.merged().keySet());
        names.addAll(to.merged().keySet());
        List<Change> changes = new ArrayList<>();
        for (String name : names) {
            boolean secret = from.isSecret(name) || to.isSecret(name);
            String before = from.get(name);
            String after = to.get(name);
            String change;
            if (before == null) {
                change = "added";
            } else if (after == null) {
                change = "removed";
            } else if (!before.equals(after) || from.isSecret(name) != to.isSecret(name)) {
                change = "changed";
            } else {
                continue;
            }
            changes.add(new Change(name, change, secret, show(before, secret), show(after, secret)));
        }
        return new ConfigDiff(List.copyOf(changes));
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    private static String show(String value, boolean secret) {
        return value == null ? null : secret ? ConfigSnapshot.MASK : value;
    }
}
