package dev.coderunner.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Counts the bytes of an upload as the HTTP client reads them; draws a bar on a terminal, nothing otherwise. */
final class UploadProgress implements AutoCloseable {

    private final long total;
    private final ProgressBar bar;
    private volatile long sent;

    UploadProgress(long total, boolean terminal) {
        this.total = total;
        this.bar = terminal ? new ProgressBarBuilder().setTaskName("Uploading").setInitialMax(total)
                .setUnit("KB", 1024).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100)
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build() : null;
    }

    long sent() {
        return sent;
    }

    long total() {
        return total;
    }

    /** Wraps {@code in} so every byte read counts toward the progress. */
    InputStream count(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    advance(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    advance(n);
                }
                return n;
            }
        };
    }

    private void advance(long n) {
        sent += n;
        if (bar != null) {
            bar.stepTo(sent);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
