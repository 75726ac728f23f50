package org.datahandle.formats.vcf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import org.datahandle.MemoryFormat;
import org.datahandle.spi.Codec;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.Schema;

/** Reads and writes VCF; types come from the header, so reading and streaming differ only in batch size. */
final class VcfCodec implements Codec {
    private final VcfOptions options;

    VcfCodec(VcfOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    /** One batch for the whole read: no concatenation copy at the end. */
    @Override
    public TableReader openReader(List<ReadSource> sources) throws IOException {
        return VcfTableReader.open(sources, options, Integer.MAX_VALUE);
    }

    /** A {@code matrix} handle without an explicit layout reads the dosage layout: variants x samples. */
    @Override
    public TableReader openReader(List<ReadSource> sources, MemoryFormat target) throws IOException {
        VcfOptions o = target == MemoryFormat.MATRIX && !options.layoutGiven() ? options.withLayout(Layout.DOSAGE)
                : options;
        return VcfTableReader.open(sources, o, Integer.MAX_VALUE);
    }

    @Override
    public TableReader openStream(List<ReadSource> sources) throws IOException {
        return VcfTableReader.open(sources, options, options.batchRows());
    }

    @Override
    public TableWriter openWriter(WriteTarget target, Schema schema) throws IOException {
        return VcfTableWriter.open(target, schema, options);
    }
}
