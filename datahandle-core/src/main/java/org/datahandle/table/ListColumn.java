package org.datahandle.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code list<T>} values: one child column holding every element, and {@code size + 1} offsets into it
 * (row {@code i} is elements {@code [offsets[i], offsets[i+1])}).
 */
public final class ListColumn extends ColumnBase implements Column {
    private final DataType.ListOf type;
    private final int[] offsets;
    private final Column elements;

    private ListColumn(DataType.ListOf type, int size, int[] offsets, Column elements, long @Nullable [] nulls, int nullCount) {
        super(size, nulls, nullCount);
        this.type = type;
        this.offsets = offsets;
        this.elements = elements;
    }

    @Override
    public DataType.ListOf type() {
        return type;
    }

    /** The column of all elements of all rows. */
    public Column elements() {
        return elements;
    }

    /** Index in {@link #elements()} of the first element of {@code row}. */
    public int start(int row) {
        Objects.checkIndex(row, size);
        return offsets[row];
    }

    /** Number of elements of {@code row} (0 for a null row). */
    public int length(int row) {
        Objects.checkIndex(row, size);
        return offsets[row + 1] - offsets[row];
    }

    /** An unmodifiable list of the boxed elements of a row (elements may be null), or null. */
    @Override
    public @Nullable List<Object> get(int row) {
        if (isNull(row)) {
            return null;
        }
        List<Object> list = new ArrayList<>(offsets[row + 1] - offsets[row]);
        for (int i = offsets[row]; i < offsets[row + 1]; i++) {
            list.add(elements.get(i));
        }
        return Collections.unmodifiableList(list);
    }

    @Override
    public long heapBytes() {
        return 40 + 16L + 4L * offsets.length + elements.heapBytes() + NullMask.bytes(nulls);
    }

    public static Builder builder(DataType.ListOf type, int capacity) {
        return new Builder(type, capacity);
    }

    /**
     * Appends lists. Codecs fill {@link #elements()} directly, then call {@link #endList()} once per row.
     */
    public static final class Builder extends BuilderState implements Column.Builder {
        private final DataType.ListOf listType;
        private final Column.Builder elements;
        /** The elements' row count read as a field: endList runs once per row. */
        private final BuilderState elementState;
        private int[] offsets;

        private Builder(DataType.ListOf type, int capacity) {
            super(type);
            this.listType = type;
            this.elements = Column.builder(type.element(), Math.max(capacity, 4));
            this.elementState = (BuilderState) elements;
            this.offsets = new int[Math.max(capacity, 0) + 1];
        }

        /** The builder of the elements; append a row's elements here, then call {@link #endList()}. */
        public Column.Builder elements() {
            return elements;
        }

        /** Ends a row whose elements were appended to {@link #elements()} since the previous row. */
        public Builder endList() {
            checkOpen();
            if (size + 1 == offsets.length) {
                offsets = Arrays.copyOf(offsets, Bits.grow(offsets.length, size + 2));
            }
            offsets[++size] = elementState.size;
            return this;
        }

        /**
         * Makes room for {@code rows} rows in all, exactly, so that {@link #build()} keeps the offsets
         * without a trimming copy; the elements' builder is sized on its own.
         */
        public Builder ensureCapacity(int rows) {
            checkOpen();
            if (rows < 0 || rows > Integer.MAX_VALUE - 9) {
                throw new IllegalStateException("column too large: " + rows + " entries");
            }
            if (rows + 1 > offsets.length) {
                offsets = Arrays.copyOf(offsets, rows + 1);
            }
            return this;
        }

        /**
         * Ends {@code count} rows of {@code length} elements each, whose elements were appended to
         * {@link #elements()} since the previous row: the bulk form of {@link #endList()} for
         * fixed-size lists (a block of diploid genotypes).
         */
        public Builder endLists(int count, int length) {
            checkOpen();
            if (count < 0 || length < 0 || elementState.size != offsets[size] + (long) count * length) {
                throw new IllegalStateException("endLists(" + count + ", " + length + ") needs " + count + " x "
                        + length + " new elements, but " + (elementState.size - offsets[size]) + " were appended");
            }
            if (size + count + 1 > offsets.length) {
                offsets = Arrays.copyOf(offsets, Bits.grow(offsets.length, size + count + 1));
            }
            int end = offsets[size];
            for (int i = 0; i < count; i++) {
                end += length;
                offsets[++size] = end;
            }
            return this;
        }

        @Override
        public Builder appendNull() {
            checkOpen();
            if (elements.size() != offsets[size]) {
                throw new IllegalStateException("elements were appended for a row that is now null");
            }
            nulls.setNull(size);
            return endList();
        }

        /** Accepts a {@link Collection} or an {@code Object[]} whose elements the element builder accepts. */
        @Override
        public Builder appendValue(@Nullable Object value) {
            if (value == null) {
                return appendNull();
            }
            if (value instanceof Collection<?> c) {
                for (Object e : c) {
                    elements.appendValue(e);
                }
                return endList();
            }
            if (value instanceof Object[] a) {
                for (Object e : a) {
                    elements.appendValue(e);
                }
                return endList();
            }
            throw wrongValue(value, "a java.util.Collection or Object[] of " + listType.element().typeName());
        }

        @Override
        public Builder appendRange(Column source, int from, int to) {
            ListColumn src = source(source, from, to, ListColumn.class);
            int start = size;
            for (int i = from; i < to; i++) {
                elements.appendRange(src.elements, src.offsets[i], src.offsets[i + 1]);
                endList();
            }
            nulls.copyFrom(src, from, to, start);
            return this;
        }

        @Override
        public ListColumn build() {
            finish();
            return new ListColumn(listType, size, offsets.length == size + 1 ? offsets : Arrays.copyOf(offsets, size + 1),
                    elements.build(), nulls.build(size), nulls.count());
        }
    }
}
