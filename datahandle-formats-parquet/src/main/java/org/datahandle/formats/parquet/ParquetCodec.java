package org.datahandle.formats.parquet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import org.datahandle.spi.Codec;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.Schema;

/**
 * Reads and writes Parquet. Parquet carries its schema, so nothing is inferred. A full read decodes
 * every row group straight into the final columns, one per core at a time ({@link WholeTable});
 * batches are one per row group; a stream gives batches of at most 65,536 rows, cut inside row
 * groups (see {@link ParquetTableReader}).
 */
final class ParquetCodec implements Codec {
    private final ParquetOptions options;

    ParquetCodec(ParquetOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    @Override
    public TableReader openReader(List<ReadSource> sources) throws IOException {
        return ParquetTableReader.open(sources, options);
    }

    @Override
    public TableReader openStream(List<ReadSource> sources) throws IOException {
        return ParquetTableReader.openStream(sources, options);
    }

    @Override
    public TableWriter openWriter(WriteTarget target, Schema schema) throws IOException {
        return ParquetTableWriter.open(target, schema, options);
    }
}
