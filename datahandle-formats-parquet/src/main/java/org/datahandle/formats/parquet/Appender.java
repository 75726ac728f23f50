package org.datahandle.formats.parquet;

import org.apache.parquet.io.api.Converter;

/**
 * A converter that appends one value to a column builder each time parquet-java delivers one, and
 * remembers that it did, so the enclosing group can append a null for a field the record lacks.
 */
interface Appender {
    Converter asConverter();

    /** Whether a value was appended since the last call; clears the flag. */
    boolean takeWritten();
}
