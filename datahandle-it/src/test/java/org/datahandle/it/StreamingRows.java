package org.datahandle.it;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.datahandle.table.DataType;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.Field;
import org.datahandle.table.LongColumn;
import org.datahandle.table.Schema;
import org.datahandle.table.StringColumn;
import org.datahandle.table.Table;

/**
 * The rows the streaming tests move: row {@code i} is {@code (id = 3e9 + i, name = "name-" + i,
 * score = i + 0.5)}, so a count and a checksum computed while writing can be checked after reading. The
 * ids are beyond int32 so that type inference reads them as int64 from the first batch on.
 */
final class StreamingRows {
    static final Schema SCHEMA = Schema.of(Field.of("id", DataType.INT64), Field.of("name", DataType.STRING),
            Field.of("score", DataType.FLOAT64));
    static final int BATCH = 50_000;
    private static final long ID_BASE = 3_000_000_000L;

    private StreamingRows() {}

    /** The id of row {@code i}. */
    static long batchRowId(long i) {
        return ID_BASE + i;
    }

    /** Rows {@code [from, from + count)} as a table. */
    static Table batch(long from, int count) {
        Table.Builder b = Table.builder(SCHEMA, count);
        for (long i = from; i < from + count; i++) {
            b.addRow(ID_BASE + i, "name-" + i, i + 0.5);
        }
        return b.build();
    }

    /** Writes {@code rows} rows as CSV with a header, gzip level 1 (for speed); returns the uncompressed size. */
    static long writeCsvGz(Path file, long rows, Checksum sum) throws IOException {
        FastGzip gz = new FastGzip(Files.newOutputStream(file));
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.US_ASCII), 1 << 16)) {
            w.write("id,name,score\n");
            for (long i = 0; i < rows; i++) {
                String name = "name-" + i;
                w.write(Long.toString(ID_BASE + i));
                w.write(',');
                w.write(name);
                w.write(',');
                w.write(Long.toString(i));
                w.write(".5\n");
                sum.add(ID_BASE + i, name.length(), i + 0.5);
            }
        }
        return gz.uncompressed;
    }

    /** gzip at level 1, counting what goes in. */
    private static final class FastGzip extends GZIPOutputStream {
        long uncompressed;

        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            uncompressed += len;
            super.write(b, off, len);
        }
    }

    /** Row count and a sum over every cell. */
    static final class Checksum {
        private long rows;
        private long value;

        void add(long id, int nameLength, double score) {
            rows++;
            value += id * 31 + nameLength * 17L + (long) (score * 2);
        }

        void add(Table batch) {
            LongColumn id = (LongColumn) batch.column("id");
            StringColumn name = (StringColumn) batch.column("name");
            DoubleColumn score = (DoubleColumn) batch.column("score");
            for (int r = 0; r < batch.rowCount(); r++) {
                add(id.getLong(r), name.utf8Length(r), score.getDouble(r));
            }
        }

        long rows() {
            return rows;
        }

        long value() {
            return value;
        }
    }
}
