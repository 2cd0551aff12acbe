package dev.coderunner.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns an archive entry name into a safe path relative to the app folder, or refuses it. */
final class EntryNames {

    private static final int MAX_NAME_LENGTH = 4096;

    private EntryNames() {
    }

    /** The relative path for {@code name}; an empty path for the archive root itself ({@code ./}). */
    static Path relative(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.indexOf('\0') >= 0) {
            throw ArchiveRefusals.unsafeEntry(name, "has an empty, overlong or binary name");
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            throw ArchiveRefusals.unsafeEntry(name, "has an absolute path");
        }
        List<String> parts = new ArrayList<>();
        // a backslash is a separator on Windows; treat it as one so "..\\x" cannot slip through
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw ArchiveRefusals.unsafeEntry(name, "points outside the app with '..'");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? Path.of("") : Path.of(parts.getFirst(), parts.subList(1, parts.size()).toArray(String[]::new));
    }
}
