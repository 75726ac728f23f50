package org.datahandle.formats.parquet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.datahandle.spi.Location;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.SeekableInput;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/** ReadSource and WriteTarget over local files, and short-cuts to read and write through the codec. */
final class LocalFiles {
    static final String HANDLE = "test-handle";

    private LocalFiles() {}

    static ReadSource source(Path path) {
        return new ReadSource() {
            @Override
            public String handleId() {
                return HANDLE;
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

    static WriteTarget target(Path path) {
        return new WriteTarget() {
            @Override
            public String handleId() {
                return HANDLE;
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

    static ParquetCodec codec(Map<String, Object> options) {
        return (ParquetCodec) new ParquetCodecFactory().create(options);
    }

    static Table read(Path... paths) throws IOException {
        List<ReadSource> sources = new ArrayList<>();
        for (Path p : paths) {
            sources.add(source(p));
        }
        try (TableReader r = codec(Map.of()).openReader(sources)) {
            return r.readAll();
        }
    }

    /** The batches of a stream, one per row group. */
    static List<Table> stream(Path path) throws IOException {
        List<Table> batches = new ArrayList<>();
        try (TableReader r = codec(Map.of()).openStream(List.of(source(path)))) {
            for (var b = r.next(); b.isPresent(); b = r.next()) {
                batches.add(b.get());
            }
        }
        return batches;
    }

    static void write(Path path, Table table, Map<String, Object> options) throws IOException {
        write(path, table.schema(), List.of(table), options);
    }

    static void write(Path path, Schema schema, List<Table> batches, Map<String, Object> options) throws IOException {
        try (TableWriter w = codec(options).openWriter(target(path), schema)) {
            for (Table t : batches) {
                w.write(t);
            }
        }
    }
}
