package org.datahandle.jobs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Tests on eight bytes at once (read as one {@code long}), for the scans a flood of output goes
 * through: where the next newline is, and whether a run of text needs escaping in JSON. Each test is
 * exact for the question "is there such a byte among the eight"; which one it is, the caller finds
 * byte by byte.
 */
final class Bytes {
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;

    private Bytes() {}

    /** Whether one of the eight bytes is a newline. */
    static boolean hasNewline(long word) {
        return hasZero(word ^ NEWLINES);
    }

    /** Whether all eight bytes are printable ASCII other than a quote or a backslash: JSON text as they are. */
    static boolean plain(long word) {
        long control = (word - SPACES) & ~word & HIGH; // a byte below 0x20 (exact when none is >= 0x80)
        return ((word & HIGH) | control) == 0 && !hasZero(word ^ QUOTES) && !hasZero(word ^ BACKSLASHES);
    }

    /** Whether one of the eight bytes is zero. */
    private static boolean hasZero(long v) {
        return ((v - ONES) & ~v & HIGH) != 0;
    }
}
