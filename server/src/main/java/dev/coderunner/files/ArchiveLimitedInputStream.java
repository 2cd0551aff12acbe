package dev.coderunner.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;

import dev.coderunner.web.ApiException;

/**
 * Counts the bytes of the upload as they are read and refuses once there are more than the limit,
 * so a chunked upload without Content-Length is bounded too. Closing it leaves the body open: the
 * caller owns the request stream.
 */
final class ArchiveLimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    ArchiveLimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // the request body belongs to the caller
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "archive-too-large",
                    "The archive is larger than the limit of " + limit + " bytes.");
        }
    }
}
