package dev.coderunner.cli.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ignore rules in force in one directory of a source tree: those of {@code .gitignore} and
 * {@code .coderunnerignore} files from the root down, the last matching pattern deciding, as git does.
 */
public final class IgnoreRules {

    /** Ignore files read in every directory, in this order, so {@code .coderunnerignore} can override git. */
    public static final List<String> FILES = List.of(".gitignore", ".coderunnerignore");

    private static final IgnoreRules NONE = new IgnoreRules(List.of());

    private final List<IgnorePattern> patterns;

    private IgnoreRules(List<IgnorePattern> patterns) {
        this.patterns = patterns;
    }

    public static IgnoreRules none() {
        return NONE;
    }

    /** Rules from lines of an ignore file in the root directory. */
    public static IgnoreRules of(String... lines) {
        return NONE.with("", List.of(lines));
    }

    /** These rules plus the lines of an ignore file found in directory {@code base} (relative, "" for the root). */
    public IgnoreRules with(String base, List<String> lines) {
        List<IgnorePattern> all = new ArrayList<>(patterns);
        for (String line : lines) {
            IgnorePattern pattern = IgnorePattern.parse(base, line);
            if (pattern != null) {
                all.add(pattern);
            }
        }
        return all.size() == patterns.size() ? this : new IgnoreRules(List.copyOf(all));
    }

    /** These rules plus those of the ignore files in {@code dir}, which is {@code base} under the root. */
    IgnoreRules withFilesIn(Path dir, String base) throws IOException {
        IgnoreRules rules = this;
        for (String name : FILES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                rules = rules.with(base, Files.readAllLines(file));
            }
        }
        return rules;
    }

    /**
     * Whether {@code path} is left out of the archive, counting its parent directories: a file under an ignored
     * directory stays ignored even if a later {@code !} pattern names it, because git never looks inside.
     */
    public boolean isIgnored(String path, boolean directory) {
        int slash = path.indexOf('/');
        while (slash > 0) {
            if (matchesLast(path.substring(0, slash), true)) {
                return true;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return matchesLast(path, directory);
    }

    /** The decision of the last pattern matching {@code path} itself, parents not considered. */
    boolean matchesLast(String path, boolean directory) {
        if (path.equals(".git") || path.endsWith("/.git")) {
            return true;
        }
        for (int i = patterns.size() - 1; i >= 0; i--) {
            IgnorePattern pattern = patterns.get(i);
            if (pattern.matches(path, directory)) {
                return !pattern.negated();
            }
        }
        return false;
    }
}
