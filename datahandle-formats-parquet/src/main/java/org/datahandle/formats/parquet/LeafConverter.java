package org.datahandle.formats.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.PrimitiveConverter;

/** A primitive converter that appends straight into a typed column builder, without boxing. */
abstract class LeafConverter extends PrimitiveConverter implements Appender {
    boolean written;

    @Override
    public Converter asConverter() {
        return this;
    }

    @Override
    public boolean takeWritten() {
        boolean w = written;
        written = false;
        return w;
    }
}
