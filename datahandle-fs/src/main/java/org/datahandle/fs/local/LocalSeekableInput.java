package org.datahandle.fs.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Objects;
import org.datahandle.spi.SeekableInput;

/**
 * Random access through positional {@link FileChannel} reads, which keep no shared file position:
 * several threads may read one instance at once.
 */
final class LocalSeekableInput implements SeekableInput {
    private final Path path;
    private final FileChannel channel;

    LocalSeekableInput(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    @Override
    public long length() throws IOException {
        try {
            return channel.size();
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
    }

    /** Fills the range as far as the file goes, so a short count means the end of the file. */
    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position + " in " + path);
        }
        if (length == 0) {
            return 0;
        }
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
        try {
            while (target.hasRemaining()) {
                int count = channel.read(target, position + target.position() - offset);
                if (count < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
        int read = target.position() - offset;
        return read == 0 ? -1 : read;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
    }
}
