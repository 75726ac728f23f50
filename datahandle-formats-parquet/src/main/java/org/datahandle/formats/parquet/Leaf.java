package org.datahandle.formats.parquet;

import java.util.function.Function;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;

/**
 * How one Parquet primitive column is read: the {@link DataType} it becomes and a factory of the
 * converter that appends its values to a builder of that type.
 */
record Leaf(DataType type, Function<Column.Builder, LeafConverter> converter) {}
