package org.datahandle.formats.parquet;

import java.util.Arrays;

/**
 * The distinct byte strings of a column chunk, each with its dictionary id in order of first
 * appearance. The entries are not copied: an entry is the place of its first appearance in the
 * chunk's own bytes ({@code data}), so a lookup compares two ranges of one array.
 */
final class BytesDictionary {
    private final byte[] data;
    private int[] slots; // id + 1, 0 when empty
    private int[] hashes;
    private int[] starts = new int[64]; // id -> start in data
    private int[] lengths = new int[64]; // id -> length
    private int size;
    private long bytes;

    BytesDictionary(byte[] data, int expected) {
        this.data = data;
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) * 2;
        slots = new int[capacity];
        hashes = new int[capacity];
    }

    int size() {
        return size;
    }

    /** The bytes of the entries, without their length prefixes. */
    long bytes() {
        return bytes;
    }

    int start(int id) {
        return starts[id];
    }

    int length(int id) {
        return lengths[id];
    }

    /** The id of {@code data[start, start + length)}, given the next free id if it is new. */
    int idOf(int start, int length) {
        int hash = hash(data, start, length);
        int mask = slots.length - 1;
        int pos = mix(hash) & mask;
        while (true) {
            int slot = slots[pos];
            if (slot == 0) {
                break;
            }
            if (hashes[pos] == hash) {
                int id = slot - 1;
                int s = starts[id];
                if (lengths[id] == length && Arrays.equals(data, s, s + length, data, start, start + length)) {
                    return id;
                }
            }
            pos = (pos + 1) & mask;
        }
        int id = size++;
        slots[pos] = id + 1;
        hashes[pos] = hash;
        if (id == starts.length) {
            starts = Arrays.copyOf(starts, id * 2);
            lengths = Arrays.copyOf(lengths, id * 2);
        }
        starts[id] = start;
        lengths[id] = length;
        bytes += length;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int capacity = slots.length * 2;
        int mask = capacity - 1;
        int[] newSlots = new int[capacity];
        int[] newHashes = new int[capacity];
        for (int pos = 0; pos < slots.length; pos++) {
            int slot = slots[pos];
            if (slot != 0) {
                int p = mix(hashes[pos]) & mask;
                while (newSlots[p] != 0) {
                    p = (p + 1) & mask;
                }
                newSlots[p] = slot;
                newHashes[p] = hashes[pos];
            }
        }
        slots = newSlots;
        hashes = newHashes;
    }

    private static int hash(byte[] b, int start, int length) {
        int h = length;
        for (int i = start, end = start + length; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    private static int mix(int x) {
        int h = x * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
