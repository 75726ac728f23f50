package org.datahandle.spi;

import java.io.IOException;
import java.util.List;
import org.datahandle.table.Schema;

/**
 * Reads and writes one tabular disk format, configured by a handle's options. Thread-safe: one
 * codec serves every read and write of its handle.
 */
public interface Codec {

    /**
     * Opens a reader over the parts of one piece of data, in order, as one table. Types inferred
     * from the data (where the format needs it) must agree across all parts: a column that is an
     * integer in one part and text in another is text.
     *
     * <p>Problems in the data are {@link org.datahandle.DataFormatException}s naming the handle,
     * the file and the line or byte offset.
     */
    TableReader openReader(List<ReadSource> sources) throws IOException;

    /**
     * Opens a reader for a handle whose memory format is {@code target}, so a codec can pick the
     * table shape that memory format wants when the user did not choose one — the VCF codec reads
     * the alt-allele dosage (one numeric column per sample) for {@code matrix}. By default, the
     * same as {@link #openReader(List)}.
     *
     * @since 1.0
     */
    default TableReader openReader(List<ReadSource> sources, org.datahandle.MemoryFormat target) throws IOException {
        return openReader(sources);
    }

    /**
     * Opens a batch reader for streaming: constant memory whatever the size of the data. Formats
     * whose types are inferred infer them from the first batch(es) and say so in their docs.
     */
    TableReader openStream(List<ReadSource> sources) throws IOException;

    /** Opens a writer of one file with this schema. */
    TableWriter openWriter(WriteTarget target, Schema schema) throws IOException;

    /**
     * Whole-document reading and writing, for formats whose files need not be tables (JSON).
     * Handles whose memory format is {@code object} or {@code json} use it when present.
     */
    default java.util.Optional<DocumentCodec> documents() {
        return java.util.Optional.empty();
    }
}
