package dev.coderunner.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.springframework.stereotype.Component;

/**
 * Unpacks an uploaded source archive safely into a fresh folder. Refuses (with an ApiException that
 * maps to problem+json) archives over the size limit, unsafe entries and zip bombs; on refusal the
 * destination is removed so nothing is stored.
 */
@Component
public class ArchiveExtractor {

    private final FilesProperties limits;

    public ArchiveExtractor(FilesProperties limits) {
        this.limits = limits;
    }

    /** Unpacks {@code body} (read once, not closed) into {@code destination}, which must not exist yet. */
    public void extract(InputStream body, ArchiveFormat format, Path destination) {
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("the destination " + destination + " already exists");
        }
        InputStream limited = new ArchiveLimitedInputStream(body, limits.maxArchiveSize().toBytes());
        try (Unpacking unpacking = Unpacking.beside(destination, format, limits)) {
            switch (format) {
                case TAR_GZ -> TarUnpacker.unpack(limited, unpacking);
                case ZIP -> ZipUnpacker.unpack(limited, unpacking.spoolFile(), unpacking);
            }
            unpacking.finishInto(destination);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the archive into " + destination, e);
        } catch (RuntimeException e) {
            deleteQuietly(destination, e);
            throw e;
        }
    }

    /** A refusal after the final move (none today) must still leave nothing behind. */
    private static void deleteQuietly(Path destination, RuntimeException cause) {
        try {
            FileTrees.deleteIfExists(destination);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
