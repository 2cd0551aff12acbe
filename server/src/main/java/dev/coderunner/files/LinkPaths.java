package dev.coderunner.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a path the way the kernel will, following links one component at a time, even when the
 * end does not exist (like {@code realpath -m}). A plain {@code normalize()} is not enough:
 * {@code l/..} is not the folder holding {@code l} when {@code l} is itself a link.
 */
final class LinkPaths {

    private static final int MAX_LINK_HOPS = 40;

    private LinkPaths() {
    }

    /** Whether {@code path} resolves to {@code root} or below it; a link loop counts as outside. */
    static boolean staysInside(Path path, Path root) throws IOException {
        Path resolved = resolve(path.toAbsolutePath(), 0);
        return resolved != null && resolved.startsWith(root);
    }

    private static Path resolve(Path path, int hops) throws IOException {
        if (hops > MAX_LINK_HOPS) {
            return null;
        }
        Path current = path.getRoot();
        for (Path part : path) {
            String name = part.toString();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            if (Files.isSymbolicLink(next)) {
                next = resolve(current.resolve(Files.readSymbolicLink(next)), hops + 1);
                if (next == null) {
                    return null;
                }
            }
            current = next;
        }
        return current;
    }
}
