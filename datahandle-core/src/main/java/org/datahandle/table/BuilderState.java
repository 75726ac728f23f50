package org.datahandle.table;

import java.util.Objects;

/** What every column builder tracks: its type, row count, nulls, and whether it was built. */
abstract class BuilderState {
    final DataType type;
    int size;
    final NullMask nulls = new NullMask();
    private boolean built;

    BuilderState(DataType type) {
        this.type = type;
    }

    public DataType type() {
        return type;
    }

    public int size() {
        return size;
    }

    final void checkOpen() {
        if (built) {
            throw new IllegalStateException("this " + type.typeName() + " column builder was already built");
        }
    }

    final void finish() {
        checkOpen();
        built = true;
    }

    /** Validates an appendRange source and returns it cast to the builder's column class. */
    final <C extends Column> C source(Column source, int from, int to, Class<C> kind) {
        checkOpen();
        if (!source.type().equals(type) || !kind.isInstance(source)) {
            throw new IllegalArgumentException("cannot append a " + source.type().typeName() + " column to a "
                    + type.typeName() + " column");
        }
        Objects.checkFromToIndex(from, to, source.size());
        return kind.cast(source);
    }

    final IllegalArgumentException wrongValue(Object value, String accepted) {
        return new IllegalArgumentException("a " + type.typeName() + " value must be " + accepted + ", got "
                + value.getClass().getName() + " " + Cells.preview(value));
    }
}
