package org.datahandle.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.datahandle.DataFormatException;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.spi.DecoderErrorStream;
import org.datahandle.spi.Location;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.SeekableInput;
import org.datahandle.spi.WriteTarget;

/**
 * {@link ReadSource}s and {@link WriteTarget}s over local files, for testing a codec without a catalog.
 * With a compression, targets compress and sources decompress, and a decoder's {@link IOException}
 * (truncated or corrupt input) becomes a {@link DataFormatException} naming the handle, the file and
 * the decompressed offset, as a handle's own sources do.
 *
 * @param handleId the handle id the sources and targets report
 * @param compression the compression to apply, or empty
 * @param compressionOptions options passed to {@link CompressionCodec#compress}
 */
public record LocalCodecFiles(String handleId, Optional<CompressionCodec> compression,
        Map<String, Object> compressionOptions) {

    public LocalCodecFiles {
        requireNonNull(handleId, "handleId is null");
        requireNonNull(compression, "compression is null");
        compressionOptions = Map.copyOf(compressionOptions);
    }

    /** Plain files, no compression. */
    public static LocalCodecFiles plain(String handleId) {
        return new LocalCodecFiles(handleId, Optional.empty(), Map.of());
    }

    /** {@code dir/baseName.format[.compressionSuffix]}: the name a user would give such a file. */
    public Path file(Path dir, String baseName, String format) {
        return dir.resolve(baseName + "." + format + compression.map(c -> c.suffixes().get(0)).orElse(""));
    }

    /** Reads {@code path}, decompressing it when a compression is set. */
    public ReadSource source(Path path) {
        return new FileSource(handleId, Location.of(path), path, compression);
    }

    /**
     * {@code source} with {@code executor} as its executor, as a catalog's sources have: codecs that
     * decode in parallel (Parquet row groups, BGZF blocks) then use it.
     */
    public static ReadSource onExecutor(ReadSource source, Executor executor) {
        requireNonNull(executor, "executor");
        return new ReadSource() {
            @Override
            public String handleId() {
                return source.handleId();
            }

            @Override
            public Location location() {
                return source.location();
            }

            @Override
            public InputStream open() throws IOException {
                return source.open();
            }

            @Override
            public SeekableInput openSeekable() throws IOException {
                return source.openSeekable();
            }

            @Override
            public Optional<InputStream> openSidecar(String suffix) throws IOException {
                return source.openSidecar(suffix);
            }

            @Override
            public Optional<Executor> executor() {
                return Optional.of(executor);
            }
        };
    }

    /** Writes {@code path}, compressing when a compression is set. */
    public WriteTarget target(Path path) {
        return new FileTarget(handleId, Location.of(path), path, compression, compressionOptions);
    }

    // The record components handleId and location implement the interfaces' accessors of those names.
    private record FileSource(String handleId, Location location, Path path,
            Optional<CompressionCodec> compression) implements ReadSource {
        @Override
        public InputStream open() throws IOException {
            InputStream raw = Files.newInputStream(path);
            if (compression.isEmpty()) {
                return raw;
            }
            try {
                return new DecoderErrorStream(compression.get().decompress(raw), handleId, location);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        @Override
        public Optional<InputStream> openSidecar(String suffix) throws IOException {
            Path sidecar = path.resolveSibling(path.getFileName() + suffix);
            return Files.exists(sidecar) ? Optional.of(Files.newInputStream(sidecar)) : Optional.empty();
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
    }

    private record FileTarget(String handleId, Location location, Path path,
            Optional<CompressionCodec> compression, Map<String, Object> compressionOptions) implements WriteTarget {
        @Override
        public OutputStream open() throws IOException {
            OutputStream raw = Files.newOutputStream(path);
            if (compression.isEmpty()) {
                return raw;
            }
            try {
                return compression.get().compress(raw, compressionOptions);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }
    }
}
