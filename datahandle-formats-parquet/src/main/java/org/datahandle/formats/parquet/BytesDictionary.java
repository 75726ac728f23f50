package org.datahandle.formats.parquet;

import java.util.Arrays;

/**
 * The distinct byte strings of a column chunk, each with its dictionary id in order of first
 * appearance. A dictionary of tens of thousands of entries does not fit in the L1/L2 caches, so
 * what one probe reads sits side by side: a slot's hash beside its id, an entry's start beside its
 * length, and the entries' bytes copied one after another into one array (pointing into the chunk's
 * own bytes instead, where each entry first appeared, made every probe a cache miss there).
 */
final class BytesDictionary {
    private final byte[] data;
    /** Per slot: the hash, then id + 1 (0 when the slot is empty). */
    private int[] table;
    /** Per id: the start in data, then the length. */
    private int[] entries = new int[128];
    /** The bytes of the entries, one after another. */
    private byte[] entryBytes = new byte[1024];
    private int size;
    private long bytes;

    BytesDictionary(byte[] data, int expected) {
        this.data = data;
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) * 2;
        table = new int[2 * capacity];
    }

    int size() {
        return size;
    }

    /** The bytes of the entries, without their length prefixes. */
    long bytes() {
        return bytes;
    }

    /** The array the entries' bytes are in; entry {@code id} is at {@link #start}, {@link #length} bytes. */
    byte[] entryBytes() {
        return entryBytes;
    }

    int start(int id) {
        return entries[2 * id];
    }

    int length(int id) {
        return entries[2 * id + 1];
    }

    /** The id of {@code data[start, start + length)}, given the next free id if it is new. */
    int idOf(int start, int length) {
        int hash = Bytes.hash(data, start, length);
        int mask = (table.length >> 1) - 1;
        int pos = mix(hash) & mask;
        while (true) {
            int slot = table[2 * pos + 1];
            if (slot == 0) {
                break;
            }
            if (table[2 * pos] == hash) {
                int e = 2 * (slot - 1);
                if (entries[e + 1] == length && Bytes.equal(entryBytes, entries[e], data, start, length)) {
                    return slot - 1;
                }
            }
            pos = (pos + 1) & mask;
        }
        int id = size++;
        table[2 * pos] = hash;
        table[2 * pos + 1] = id + 1;
        if (2 * id + 2 > entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        if (bytes + length > entryBytes.length) {
            entryBytes = Arrays.copyOf(entryBytes, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(2L * entryBytes.length, bytes + length)));
        }
        System.arraycopy(data, start, entryBytes, (int) bytes, length);
        entries[2 * id] = (int) bytes;
        entries[2 * id + 1] = length;
        bytes += length;
        if (size * 4 > table.length) { // load factor 1/2
            rehash();
        }
        return id;
    }

    private void rehash() {
        int[] old = table;
        int[] grown = new int[old.length * 2];
        int mask = (grown.length >> 1) - 1;
        for (int p = 0; p < old.length; p += 2) {
            int slot = old[p + 1];
            if (slot != 0) {
                int pos = mix(old[p]) & mask;
                while (grown[2 * pos + 1] != 0) {
                    pos = (pos + 1) & mask;
                }
                grown[2 * pos] = old[p];
                grown[2 * pos + 1] = slot;
            }
        }
        table = grown;
    }

    private static int mix(int x) {
        int h = x * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
