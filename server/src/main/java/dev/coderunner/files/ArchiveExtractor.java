package dev.coderunner.files;

import java.io.InputStream;
import java.nio.file.Path;

import org.springframework.stereotype.Component;

/**
 * Unpacks an uploaded source archive safely into a fresh folder. Refuses (with an ApiException that
 * maps to problem+json) archives over the size limit, unsafe entries and zip bombs; on refusal the
 * destination is removed so nothing is stored.
 */
@Component
public class ArchiveExtractor {

    /** Unpacks {@code body} (read once, not closed) into {@code destination}, which must not exist yet. */
    public void extract(InputStream body, ArchiveFormat format, Path destination) {
        throw new UnsupportedOperationException("TODO(build helper)");
    }
}
