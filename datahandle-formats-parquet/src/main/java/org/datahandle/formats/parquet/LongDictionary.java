package org.datahandle.formats.parquet;

import java.util.Arrays;

/**
 * The distinct values of a column chunk of fixed-width values — 8-byte ones (int64, timestamp, double
 * bits), and 4-byte ones (int32, date, float bits) widened, which keeps them distinct — each with its
 * dictionary id in order of first appearance: an open-addressing table over flat arrays, so a
 * lookup touches a long and an int and no objects.
 */
final class LongDictionary {
    private long[] keys;
    private int[] slots; // id + 1, 0 when empty
    private long[] values = new long[64]; // id -> value
    private int size;

    LongDictionary(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) * 2;
        keys = new long[capacity];
        slots = new int[capacity];
    }

    int size() {
        return size;
    }

    /** The values in id order. */
    long[] values() {
        return values;
    }

    /** The id of {@code v}, given the next free id if it is new. */
    int idOf(long v) {
        int mask = slots.length - 1;
        int pos = mix(v) & mask;
        while (true) {
            int slot = slots[pos];
            if (slot == 0) {
                break;
            }
            if (keys[pos] == v) {
                return slot - 1;
            }
            pos = (pos + 1) & mask;
        }
        int id = size++;
        keys[pos] = v;
        slots[pos] = id + 1;
        if (id == values.length) {
            values = Arrays.copyOf(values, id * 2);
        }
        values[id] = v;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int capacity = slots.length * 2;
        int mask = capacity - 1;
        long[] newKeys = new long[capacity];
        int[] newSlots = new int[capacity];
        for (int id = 0; id < size; id++) {
            long v = values[id];
            int pos = mix(v) & mask;
            while (newSlots[pos] != 0) {
                pos = (pos + 1) & mask;
            }
            newKeys[pos] = v;
            newSlots[pos] = id + 1;
        }
        keys = newKeys;
        slots = newSlots;
    }

    private static int mix(long x) {
        long h = x * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
