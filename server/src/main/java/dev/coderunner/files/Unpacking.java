package dev.coderunner.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One extraction in progress. Entries land in a hidden staging folder beside the destination, which
 * only becomes the destination once every check passed; closing removes whatever is left of it.
 * Nothing is ever written through a link, so every written byte stays under the staging folder.
 */
final class Unpacking implements AutoCloseable {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final ArchiveFormat format;
    private final FilesProperties limits;
    private final Path staging;
    private final List<Path> links = new ArrayList<>();
    private final byte[] buffer = new byte[64 * 1024];
    private long unpackedBytes;
    private int entries;
    private int files;

    private Unpacking(ArchiveFormat format, FilesProperties limits, Path staging) {
        this.format = format;
        this.limits = limits;
        this.staging = staging;
    }

    static Unpacking beside(Path destination, ArchiveFormat format, FilesProperties limits) throws IOException {
        Path parent = Files.createDirectories(destination.toAbsolutePath().getParent());
        Path staging = parent.resolve("." + destination.getFileName() + ".unpacking-" + UUID.randomUUID());
        return new Unpacking(format, limits, Files.createDirectory(staging).toRealPath());
    }

    void directory(String name, FileTime modified) throws IOException {
        Path dir = target(name, true);
        if (!dir.equals(staging)) {
            Files.createDirectories(dir);
            touch(dir, modified);
        }
    }

    /** Copies one file's bytes; {@code mode} is the unix mode, or -1 when the archive has none (zip from Windows). */
    void file(String name, InputStream content, int mode, FileTime modified) throws IOException {
        Path file = target(name, false);
        Files.createDirectories(file.getParent());
        boolean shebang = false;
        try (OutputStream out = Files.newOutputStream(file, NOFOLLOW, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            boolean first = true;
            for (int n = readArchive(content); n >= 0; n = readArchive(content)) {
                shebang |= first && n >= 2 && buffer[0] == '#' && buffer[1] == '!';
                first = false;
                unpackedBytes += n;
                if (unpackedBytes > limits.maxUnpackedSize().toBytes()) {
                    throw ArchiveRefusals.tooLargeUnpacked(limits.maxUnpackedSize().toBytes());
                }
                out.write(buffer, 0, n);
            }
        }
        // without a unix mode, a script with a shebang is most likely meant to be run (mvnw zipped on Windows)
        boolean executable = mode >= 0 ? (mode & 0100) != 0 : shebang;
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        touch(file, modified);
        files++;
    }

    void symlink(String name, String linkTarget) throws IOException {
        Path link = target(name, false);
        if (linkTarget.isEmpty() || linkTarget.startsWith("/") || linkTarget.indexOf('\0') >= 0) {
            throw ArchiveRefusals.unsafeEntry(name, "is a link to an absolute or empty path");
        }
        if (!LinkPaths.staysInside(link.getParent().resolve(linkTarget), staging)) {
            throw ArchiveRefusals.unsafeEntry(name, "is a link to a file outside the app");
        }
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(linkTarget));
        links.add(link);
    }

    /** A tar hard link names another entry of the archive; copy that file rather than share an inode. */
    void hardLink(String name, String linkTarget) throws IOException {
        Path original = locate(linkTarget);
        if (!Files.isRegularFile(original, NOFOLLOW)) {
            throw ArchiveRefusals.unsafeEntry(name, "is a hard link to something that is not a file of the archive");
        }
        try (InputStream in = Files.newInputStream(original, NOFOLLOW)) {
            file(name, in, Files.isExecutable(original) ? 0755 : 0644, Files.getLastModifiedTime(original, NOFOLLOW));
        }
    }

    /** Moves the result to {@code destination}, without a single top-level folder like GitHub tarballs have. */
    void finishInto(Path destination) throws IOException {
        if (files == 0) {
            throw ArchiveRefusals.empty();
        }
        Path root = staging;
        try (var children = Files.list(staging)) {
            List<Path> top = children.limit(2).toList();
            if (top.size() == 1 && Files.isDirectory(top.getFirst(), NOFOLLOW)) {
                root = top.getFirst();
            }
        }
        for (Path link : links) {
            // checked again against the final root: '../x' inside a stripped top folder would escape it
            if (!LinkPaths.staysInside(link, root)) {
                throw ArchiveRefusals.unsafeEntry(staging.relativize(link).toString(), "is a link to a file outside the app");
            }
        }
        Files.move(root, destination.toAbsolutePath());
    }

    /** Where a zip upload is spooled: beside the staging folder, never inside the app. */
    Path spoolFile() {
        return staging.resolveSibling(staging.getFileName() + ".zip");
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(spoolFile());
            FileTrees.deleteIfExists(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unpacking folder " + staging, e);
        }
    }

    /** Where an entry goes; counts it, and refuses names that escape, pass through a link or replace one. */
    private Path target(String name, boolean directory) {
        if (++entries > limits.maxEntries()) {
            throw ArchiveRefusals.tooManyEntries(limits.maxEntries());
        }
        Path path = locate(name);
        if (Files.isSymbolicLink(path) || (!directory && Files.isDirectory(path, NOFOLLOW))) {
            throw ArchiveRefusals.unsafeEntry(name, "replaces a link or folder of the same name");
        }
        return path;
    }

    private Path locate(String name) {
        Path path = staging;
        for (Path part : EntryNames.relative(name)) {
            if (Files.isSymbolicLink(path)) {
                throw ArchiveRefusals.unsafeEntry(name, "is inside a link");
            }
            path = path.resolve(part);
        }
        return path;
    }

    /** Reads the next chunk of the archive; a read failure means a corrupt archive, not a server fault. */
    private int readArchive(InputStream content) {
        try {
            return content.read(buffer);
        } catch (IOException e) {
            throw ArchiveRefusals.invalid(format, "it is truncated or corrupt");
        }
    }

    private static void touch(Path path, FileTime modified) throws IOException {
        if (modified != null) {
            Files.getFileAttributeView(path, java.nio.file.attribute.BasicFileAttributeView.class, NOFOLLOW)
                    .setTimes(modified, null, null);
        }
    }
}
