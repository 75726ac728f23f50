package org.datahandle.spi;

import java.io.IOException;

/**
 * A codec's optional ability to read and write whole documents rather than tables (JSON, YAML):
 * what the {@code object} and {@code json} memory formats use. Offered through
 * {@link Codec#documents()}.
 */
public interface DocumentCodec {

    /**
     * Reads one file as a document of plain Java values: {@code Map<String,Object>} (in key order),
     * {@code List<Object>}, {@code String}, {@code Long}/{@code Integer}, {@code Double},
     * {@code BigInteger}/{@code BigDecimal} where precision needs it, {@code Boolean}, or null
     * elements.
     */
    Object read(ReadSource source) throws IOException;

    /** Writes a document of plain Java values (or anything Jackson can serialise) to one file. */
    void write(WriteTarget target, Object document) throws IOException;
}
