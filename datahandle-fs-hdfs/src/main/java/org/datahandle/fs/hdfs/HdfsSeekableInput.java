package org.datahandle.fs.hdfs;

import java.io.IOException;
import java.util.Objects;
import org.apache.hadoop.fs.FSDataInputStream;
import org.datahandle.spi.Location;
import org.datahandle.spi.SeekableInput;

/**
 * Random access through HDFS positional reads ({@code pread}), which leave the stream's own
 * position alone: several threads may read one instance at once.
 */
final class HdfsSeekableInput implements SeekableInput {
    private final Location location;
    private final FSDataInputStream in;
    private final long length;

    HdfsSeekableInput(Location location, FSDataInputStream in, long length) {
        this.location = location;
        this.in = in;
        this.length = length;
    }

    /** The length when the file was opened. */
    @Override
    public long length() {
        return length;
    }

    /** Fills the range as far as the file goes, so a short count means the end of the file. */
    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position + " in " + location);
        }
        if (length == 0) {
            return 0;
        }
        int total = 0;
        try {
            while (total < length) {
                int count = in.read(position + total, buffer, offset + total, length - total);
                if (count <= 0) {
                    break;
                }
                total += count;
            }
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
        return total == 0 ? -1 : total;
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }
}
