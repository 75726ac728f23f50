package org.datahandle.formats.parquet;

import java.util.function.Function;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;

/**
 * How one Parquet primitive column is read: the {@link DataType} it becomes, a factory of the
 * converter that appends its values to a builder of that type, and whether its physical values go
 * into the builder unchanged ({@link Fast}), so that a flat column can skip the converter.
 */
record Leaf(DataType type, Function<Column.Builder, LeafConverter> converter, Fast fast) {

    Leaf(DataType type, Function<Column.Builder, LeafConverter> converter) {
        this(type, converter, Fast.NONE);
    }

    /** The builder a physical value goes to unchanged, or NONE when it needs converting. */
    enum Fast { INT, LONG, FLOAT, DOUBLE, BOOLEAN, STRING, BINARY, NONE }
}
