package org.datahandle.formats.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bitmap of a whole read (a column's nulls, or its boolean values) that the row groups fill in
 * parallel, each its own rows. Row groups rarely start on a 64-row boundary, so two of them can share
 * a word: a writer sets the bits of the first and last word of its rows atomically and the words
 * between, which no other writer touches, with a plain store. The reader of the result sees them all
 * once every writer's task has been joined.
 */
final class SharedBits {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] words;

    SharedBits(int rows) {
        this.words = new long[(int) ((rows + 63L) >>> 6)];
    }

    long[] words() {
        return words;
    }

    /** Sets bits in rows {@code [from, from + rows)}: one writer per range, ranges not overlapping. */
    Writer writer(int from, int rows) {
        return new Writer(from, rows);
    }

    final class Writer {
        private final int firstWord;
        private final int lastWord;

        private Writer(int from, int rows) {
            this.firstWord = from >>> 6;
            this.lastWord = rows == 0 ? firstWord : (from + rows - 1) >>> 6;
        }

        void set(int row) {
            int w = row >>> 6;
            if (w == firstWord || w == lastWord) {
                WORDS.getAndBitwiseOr(words, w, 1L << row);
            } else {
                words[w] |= 1L << row;
            }
        }
    }
}
