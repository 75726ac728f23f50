package org.datahandle.spi;

import java.io.Closeable;
import java.io.IOException;

/** Random-access reads of one file (Parquet footers and row groups). */
public interface SeekableInput extends Closeable {
    long length() throws IOException;

    /** Reads up to {@code length} bytes at {@code position}; returns the count, or -1 at end of file. */
    int read(long position, byte[] buffer, int offset, int length) throws IOException;
}
