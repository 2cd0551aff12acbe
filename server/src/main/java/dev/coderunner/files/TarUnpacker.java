package dev.coderunner.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.FileTime;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Streams a .tar.gz entry by entry; nothing is buffered beyond one chunk. */
final class TarUnpacker {

    private TarUnpacker() {
    }

    static void unpack(InputStream body, Unpacking unpacking) throws IOException {
        TarArchiveInputStream tar = open(body);
        for (TarArchiveEntry entry = next(tar); entry != null; entry = next(tar)) {
            String name = entry.getName();
            FileTime modified = entry.getLastModifiedTime();
            if (entry.isGlobalPaxHeader() || entry.isPaxHeader()) {
                continue;
            } else if (entry.isDirectory()) {
                unpacking.directory(name, modified);
            } else if (entry.isSymbolicLink()) {
                unpacking.symlink(name, entry.getLinkName());
            } else if (entry.isLink()) {
                unpacking.hardLink(name, entry.getLinkName());
            } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                throw ArchiveRefusals.unsafeEntry(name, "is a device file or named pipe");
            } else if (entry.isFile()) {
                unpacking.file(name, tar, entry.getMode(), modified);
            } else {
                throw ArchiveRefusals.unsafeEntry(name, "has an unsupported tar entry type '" + (char) entry.getLinkFlag() + "'");
            }
        }
    }

    private static TarArchiveInputStream open(InputStream body) {
        try {
            return new TarArchiveInputStream(GzipCompressorInputStream.builder().setInputStream(body).setDecompressConcatenated(true).get());
        } catch (IOException e) {
            throw ArchiveRefusals.invalid(ArchiveFormat.TAR_GZ, "it is not gzip-compressed");
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar) {
        try {
            return tar.getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw ArchiveRefusals.invalid(ArchiveFormat.TAR_GZ, "a tar header is corrupt");
        }
    }
}
