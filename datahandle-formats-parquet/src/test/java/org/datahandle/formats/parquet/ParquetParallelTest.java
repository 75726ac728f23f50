package org.datahandle.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.datahandle.spi.Location;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row groups written and read in parallel on an executor give the same file contents and the same
 * table as on one thread, and a read or write that itself runs on the executor's only thread still
 * finishes: a task no pool thread has started is run by the thread that waits for it.
 */
class ParquetParallelTest {
    private static final LocalCodecFiles LOCAL = LocalCodecFiles.plain(ParquetFiles.HANDLE);
    private final ExecutorService single = Executors.newSingleThreadExecutor();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        single.shutdownNow();
    }

    private static Table table() {
        Table.Builder b = Table.builder(Schema.of(Field.of("id", DataType.INT64), Field.of("s", DataType.STRING),
                Field.of("d", DataType.FLOAT64)));
        for (int i = 0; i < 40_000; i++) {
            b.addRow((long) i, i % 9 == 0 ? null : "row " + (i % 1000), i % 4 == 0 ? null : i / 3.0);
        }
        return b.build();
    }

    @Test
    void onTheExecutorsOnlyThreadAWriteAndAReadFinishWithTheSameRows() throws Exception {
        Table table = table();
        Path parallel = dir.resolve("parallel.parquet");
        // small row groups: many tasks for the one thread that is also the writer and the reader
        Map<String, Object> options = Map.of("rowGroupSize", 64 * 1024);
        Future<Table> done = single.submit(() -> {
            try (TableWriter w = ParquetFiles.codec(options).openWriter(target(parallel), table.schema())) {
                w.write(table.slice(0, 10_000));
                w.write(table.slice(10_000, 40_000));
            }
            try (TableReader r = ParquetFiles.codec(Map.of()).openReader(List.of(source(parallel)))) {
                return r.readAll();
            }
        });
        Table back = done.get(5, TimeUnit.MINUTES);
        assertThat(ParquetFiles.stream(parallel)).hasSizeGreaterThan(5);
        Path sequential = dir.resolve("sequential.parquet");
        ParquetFiles.write(sequential, table, options);
        Table expected = ParquetFiles.read(sequential);
        assertThat(back.rowCount()).isEqualTo(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < table.columnCount(); c++) {
                assertThat(back.get(r, c)).isEqualTo(table.get(r, c));
                assertThat(expected.get(r, c)).isEqualTo(table.get(r, c));
            }
        }
    }

    private ReadSource source(Path p) {
        ReadSource s = LOCAL.source(p);
        return LocalCodecFiles.onExecutor(s, single);
    }

    private WriteTarget target(Path p) {
        WriteTarget t = LOCAL.target(p);
        return new WriteTarget() {
            @Override
            public String handleId() {
                return t.handleId();
            }

            @Override
            public Location location() {
                return t.location();
            }

            @Override
            public OutputStream open() throws IOException {
                return t.open();
            }

            @Override
            public Optional<java.util.concurrent.Executor> executor() {
                return Optional.of(single);
            }
        };
    }
}
