package org.datahandle.formats.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;

/**
 * A group converter (struct, list or map) that appends one value per group it sees. The twin of
 * {@link LeafConverter}: parquet-java's primitive and group converters are separate classes, so the
 * flag cannot live in one base.
 */
abstract class GroupAppender extends GroupConverter implements Appender {
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
