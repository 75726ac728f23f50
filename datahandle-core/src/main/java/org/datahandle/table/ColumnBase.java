package org.datahandle.table;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What every column holds besides its values: a row count and an optional null bitmap. */
abstract class ColumnBase {
    final int size;
    /** One bit per row, set for null; null itself when the column has no nulls. */
    final long @Nullable [] nulls;
    final int nullCount;

    ColumnBase(int size, long @Nullable [] nulls, int nullCount) {
        this.size = size;
        this.nulls = nulls;
        this.nullCount = nullCount;
    }

    public int size() {
        return size;
    }

    public boolean isNull(int row) {
        Objects.checkIndex(row, size);
        return nulls != null && Bits.get(nulls, row);
    }

    public int nullCount() {
        return nullCount;
    }
}
