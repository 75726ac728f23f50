package org.datahandle.formats.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;

/** Short-cuts to read and write local files through the codec. */
final class ParquetFiles {
    static final String HANDLE = "test-handle";
    private static final LocalCodecFiles LOCAL = LocalCodecFiles.plain(HANDLE);

    private ParquetFiles() {}

    static ParquetCodec codec(Map<String, Object> options) {
        return (ParquetCodec) new ParquetCodecFactory().create(options);
    }

    static Table read(Path... paths) throws IOException {
        List<ReadSource> sources = new ArrayList<>();
        for (Path p : paths) {
            sources.add(LOCAL.source(p));
        }
        try (TableReader r = codec(Map.of()).openReader(sources)) {
            return r.readAll();
        }
    }

    /** The batches of a stream: row groups cut into batches of at most 65,536 rows (whole, with nested columns). */
    static List<Table> stream(Path path) throws IOException {
        List<Table> batches = new ArrayList<>();
        try (TableReader r = codec(Map.of()).openStream(List.of(LOCAL.source(path)))) {
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
        try (TableWriter w = codec(options).openWriter(LOCAL.target(path), schema)) {
            for (Table t : batches) {
                w.write(t);
            }
        }
    }
}
