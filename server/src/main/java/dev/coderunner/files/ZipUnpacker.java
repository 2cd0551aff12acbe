package dev.coderunner.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a .zip. The upload is spooled to a file first because the unix modes (executable bit,
 * symlinks) live only in the central directory at the end of the archive.
 */
final class ZipUnpacker {

    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMLINK = 0120000;
    private static final int MAX_LINK_TARGET = 4096;

    private ZipUnpacker() {
    }

    static void unpack(InputStream body, Path spool, Unpacking unpacking) throws IOException {
        Files.copy(body, spool);
        try (ZipFile zip = open(spool)) {
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
                unpack(zip, entries.nextElement(), unpacking);
            }
        }
    }

    private static void unpack(ZipFile zip, ZipArchiveEntry entry, Unpacking unpacking) throws IOException {
        String name = entry.getName();
        if (name.startsWith("__MACOSX/")) {
            return; // Finder's resource forks, never part of the app
        }
        int mode = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() : 0;
        int type = mode & TYPE_MASK;
        if (entry.isDirectory() || type == DIRECTORY) {
            unpacking.directory(name, entry.getLastModifiedTime());
        } else if (type == SYMLINK) {
            unpacking.symlink(name, linkTarget(zip, entry));
        } else if (type == 0 || type == REGULAR) {
            try (InputStream content = read(zip, entry)) {
                unpacking.file(name, content, type == 0 ? -1 : mode, entry.getLastModifiedTime());
            }
        } else {
            throw ArchiveRefusals.unsafeEntry(name, "is a device file or named pipe");
        }
    }

    private static String linkTarget(ZipFile zip, ZipArchiveEntry entry) throws IOException {
        try (InputStream content = read(zip, entry)) {
            byte[] target = content.readNBytes(MAX_LINK_TARGET + 1);
            if (target.length > MAX_LINK_TARGET) {
                throw ArchiveRefusals.unsafeEntry(entry.getName(), "is a link with an overlong target");
            }
            return new String(target, StandardCharsets.UTF_8);
        }
    }

    private static ZipFile open(Path spool) {
        try {
            return ZipFile.builder().setPath(spool).get();
        } catch (IOException e) {
            throw ArchiveRefusals.invalid(ArchiveFormat.ZIP, "its central directory cannot be read");
        }
    }

    private static InputStream read(ZipFile zip, ZipArchiveEntry entry) {
        try {
            if (!zip.canReadEntryData(entry)) {
                throw ArchiveRefusals.invalid(ArchiveFormat.ZIP, "entry '" + entry.getName() + "' is encrypted or uses an unsupported compression");
            }
            return zip.getInputStream(entry);
        } catch (IOException e) {
            throw ArchiveRefusals.invalid(ArchiveFormat.ZIP, "entry '" + entry.getName() + "' cannot be read");
        }
    }
}
