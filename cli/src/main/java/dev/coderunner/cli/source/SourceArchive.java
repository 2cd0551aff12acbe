package dev.coderunner.cli.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Packs a source directory into a {@code .tar.gz}: ignore files honoured, {@code .git/} always left out,
 * directories, regular files (executable bit kept) and symlinks that stay inside the tree; nothing else.
 */
public final class SourceArchive {

    /** What went into the archive. */
    public record Summary(int files, int directories, int symlinks, long archiveBytes) {
    }

    private final Path root;
    private final Consumer<String> warnings;
    private int files;
    private int directories;
    private int symlinks;

    private SourceArchive(Path root, Consumer<String> warnings) {
        this.root = root;
        this.warnings = warnings;
    }

    /** Writes the archive of {@code sourceDir} to {@code target}; skipped special files are reported to warnings. */
    public static Summary pack(Path sourceDir, Path target, Consumer<String> warnings) throws IOException {
        Path root = sourceDir.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new IOException(sourceDir + " is not a directory");
        }
        SourceArchive archive = new SourceArchive(root, warnings);
        try (OutputStream file = Files.newOutputStream(target);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file, 64 * 1024))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            archive.addChildren(tar, root, "", IgnoreRules.none().withFilesIn(root, ""));
            tar.finish();
        }
        return new Summary(archive.files, archive.directories, archive.symlinks, Files.size(target));
    }

    private void addChildren(TarArchiveOutputStream tar, Path dir, String base, IgnoreRules rules)
            throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            String name = base.isEmpty() ? child.getFileName().toString() : base + "/" + child.getFileName();
            BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (rules.matchesLast(name, attributes.isDirectory())) {
                continue;
            }
            if (attributes.isDirectory()) {
                TarArchiveEntry entry = new TarArchiveEntry(name + "/");
                entry.setMode(040755);
                entry.setModTime(attributes.lastModifiedTime());
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
                directories++;
                addChildren(tar, child, name, rules.withFilesIn(child, name));
            } else if (attributes.isRegularFile()) {
                addFile(tar, child, name, attributes);
            } else if (attributes.isSymbolicLink()) {
                addSymlink(tar, child, name);
            } else {
                warnings.accept("skipping " + name + ": not a regular file, directory or symlink");
            }
        }
    }

    private void addFile(TarArchiveOutputStream tar, Path file, String name, BasicFileAttributes attributes)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(attributes.size());
        entry.setMode(executable(file) ? 0100755 : 0100644);
        entry.setModTime(attributes.lastModifiedTime());
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
        files++;
    }

    private void addSymlink(TarArchiveOutputStream tar, Path link, String name) throws IOException {
        Path target = Files.readSymbolicLink(link);
        Path resolved = link.getParent().resolve(target).normalize();
        boolean inside = resolved.startsWith(root);
        if (inside && Files.exists(resolved)) {
            inside = resolved.toRealPath().startsWith(root); // a link to a link that leaves the tree
        }
        if (!inside) {
            warnings.accept("skipping symlink " + name + " -> " + target + ": it points outside the source directory");
            return;
        }
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(target.isAbsolute() ? link.getParent().relativize(resolved).toString() : target.toString());
        entry.setMode(0120777);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        symlinks++;
    }

    private static boolean executable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(file);
        }
    }
}
