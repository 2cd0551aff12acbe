package dev.coderunner.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds source archives for tests, good and crafted-bad alike: {@code Archives.tarGz().file("a", "x").bytes()},
 * or a whole folder with {@link #tarGzOf(Path)} / {@link #zipOf(Path)} (e.g. an example app to upload).
 */
public final class Archives {

    private enum Kind { FILE, DIR, SYMLINK, HARDLINK, CHAR_DEVICE, FIFO }

    private record Entry(Kind kind, String name, byte[] content, int mode, String linkTarget) {
    }

    private final boolean zip;
    private final List<Entry> entries = new ArrayList<>();

    private Archives(boolean zip) {
        this.zip = zip;
    }

    public static Archives tarGz() {
        return new Archives(false);
    }

    public static Archives zip() {
        return new Archives(true);
    }

    public Archives file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public Archives executable(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0755);
    }

    public Archives file(String name, byte[] content, int mode) {
        entries.add(new Entry(Kind.FILE, name, content, mode, null));
        return this;
    }

    public Archives dir(String name) {
        entries.add(new Entry(Kind.DIR, name.endsWith("/") ? name : name + "/", new byte[0], 0755, null));
        return this;
    }

    public Archives symlink(String name, String target) {
        entries.add(new Entry(Kind.SYMLINK, name, new byte[0], 0777, target));
        return this;
    }

    /** A tar hard link; zip has none. */
    public Archives hardLink(String name, String target) {
        entries.add(new Entry(Kind.HARDLINK, name, new byte[0], 0644, target));
        return this;
    }

    public Archives charDevice(String name) {
        entries.add(new Entry(Kind.CHAR_DEVICE, name, new byte[0], 0644, null));
        return this;
    }

    public Archives fifo(String name) {
        entries.add(new Entry(Kind.FIFO, name, new byte[0], 0644, null));
        return this;
    }

    public byte[] bytes() {
        try {
            return zip ? zipBytes() : tarGzBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder's files and links as a .tar.gz, without build output (node_modules, .venv, target). */
    public static byte[] tarGzOf(Path dir) {
        return of(tarGz(), dir, "").bytes();
    }

    /** The same inside one top-level folder, the way GitHub serves a repository tarball. */
    public static byte[] tarGzOf(Path dir, String topFolder) {
        return of(tarGz().dir(topFolder), dir, topFolder + "/").bytes();
    }

    public static byte[] zipOf(Path dir) {
        return of(zip(), dir, "").bytes();
    }

    private static Archives of(Archives archive, Path dir, String prefix) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted().toList()) {
                String name = dir.relativize(path).toString().replace('\\', '/');
                if (name.isEmpty() || Stream.of("node_modules", ".venv", "target").anyMatch(skip -> name.equals(skip) || name.startsWith(skip + "/"))) {
                    continue;
                }
                if (Files.isSymbolicLink(path)) {
                    archive.symlink(prefix + name, Files.readSymbolicLink(path).toString());
                } else if (Files.isDirectory(path)) {
                    archive.dir(prefix + name);
                } else {
                    archive.file(prefix + name, Files.readAllBytes(path), Files.isExecutable(path) ? 0755 : 0644);
                }
            }
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] tarGzBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = switch (e.kind()) {
                    // preserveAbsolutePath: crafted archives must keep the names exactly as given
                    case FILE, DIR -> new TarArchiveEntry(e.name(), true);
                    case SYMLINK -> new TarArchiveEntry(e.name(), TarConstants.LF_SYMLINK, true);
                    case HARDLINK -> new TarArchiveEntry(e.name(), TarConstants.LF_LINK, true);
                    case CHAR_DEVICE -> new TarArchiveEntry(e.name(), TarConstants.LF_CHR, true);
                    case FIFO -> new TarArchiveEntry(e.name(), TarConstants.LF_FIFO, true);
                };
                if (e.linkTarget() != null) {
                    entry.setLinkName(e.linkTarget());
                }
                entry.setMode((entry.getMode() & ~07777) | e.mode());
                entry.setSize(e.content().length);
                tar.putArchiveEntry(entry);
                tar.write(e.content());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private byte[] zipBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            for (Entry e : entries) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.name());
                byte[] content = e.content();
                switch (e.kind()) {
                    case FILE -> entry.setUnixMode(0100000 | e.mode());
                    case DIR -> entry.setUnixMode(0040000 | e.mode());
                    case SYMLINK -> {
                        entry.setUnixMode(0120000 | 0777);
                        content = e.linkTarget().getBytes(StandardCharsets.UTF_8);
                    }
                    case CHAR_DEVICE -> entry.setUnixMode(0020000 | e.mode());
                    case FIFO -> entry.setUnixMode(0010000 | e.mode());
                    case HARDLINK -> throw new IllegalStateException("zip has no hard links");
                }
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
