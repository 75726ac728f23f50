package org.datahandle.formats.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.datahandle.spi.Location;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.SeekableInput;
import org.datahandle.spi.WriteTarget;

/** ReadSource and WriteTarget over local files, for testing codecs without a catalog. */
public final class LocalFiles {
    private LocalFiles() {}

    public static ReadSource source(String handleId, Path path) {
        return new ReadSource() {
            @Override
            public String handleId() {
                return handleId;
            }

            @Override
            public Location location() {
                return Location.of(path);
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(path);
            }

            @Override
            public SeekableInput openSeekable() throws IOException {
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
                return new SeekableInput() {
                    @Override
                    public long length() throws IOException {
                        return channel.size();
                    }

                    @Override
                    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                        return channel.read(ByteBuffer.wrap(buffer, offset, length), position);
                    }

                    @Override
                    public void close() throws IOException {
                        channel.close();
                    }
                };
            }
        };
    }

    public static WriteTarget target(String handleId, Path path) {
        return new WriteTarget() {
            @Override
            public String handleId() {
                return handleId;
            }

            @Override
            public Location location() {
                return Location.of(path);
            }

            @Override
            public OutputStream open() throws IOException {
                return Files.newOutputStream(path);
            }
        };
    }
}
