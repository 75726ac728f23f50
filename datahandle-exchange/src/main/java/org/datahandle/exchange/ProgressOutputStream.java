package org.datahandle.exchange;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A response body that reports each write as progress to the idle watchdog. */
final class ProgressOutputStream extends FilterOutputStream {
    private final Runnable progress;
    private long written;

    ProgressOutputStream(OutputStream out, Runnable progress) {
        super(out);
        this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        written++;
        progress.run();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        // in slices, so that a slow but steady reader keeps counting as progress
        int slice = 256 << 10;
        for (int i = 0; i < len; i += slice) {
            int n = Math.min(slice, len - i);
            out.write(b, off + i, n);
            written += n;
            progress.run();
        }
    }

    long written() {
        return written;
    }
}
