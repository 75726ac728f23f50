package org.datahandle.formats.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Checks that the values of a string column are valid UTF-8, since a {@code StringColumn} trusts its
 * bytes. ASCII (no byte with the high bit) passes with one scan; anything else goes through the
 * JDK's strict decoder. Not thread-safe: one per column decoder.
 */
final class Utf8Check {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final String column;
    private final CharsetDecoder decoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    Utf8Check(String column) {
        this.column = column;
    }

    /**
     * Checks every value of a page or dictionary. The values of a page lie in order in its
     * bytes ({@link PageValues}), so when the bytes from the first value's start to the last one's
     * end are all ASCII, 8 at a time, every value is valid; what lies between them (PLAIN's length
     * prefixes) can only make that test fail, and then each value is checked on its own.
     */
    void checkAll(PageValues values) {
        int n = values.count;
        if (n == 0) {
            return;
        }
        if (ascii(values.bytes, values.starts[0], values.starts[n - 1] + values.lengths[n - 1])) {
            return;
        }
        for (int i = 0; i < n; i++) {
            check(values.bytes, values.starts[i], values.lengths[i]);
        }
    }

    /** Whether {@code bytes[from, to)} are all ASCII (none has its high bit set). */
    static boolean ascii(byte[] bytes, int from, int to) {
        int i = from;
        for (; i <= to - 8; i += 8) {
            if (((long) LONG.get(bytes, i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @throws ParquetDecodingException naming the column when {@code bytes[start, start + length)}
     *     is not valid UTF-8
     */
    void check(byte[] bytes, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (bytes[i] < 0) {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, length));
                } catch (CharacterCodingException e) {
                    throw new ParquetDecodingException("column '" + column + "' holds invalid UTF-8 in a string value", e);
                }
                return;
            }
        }
    }
}
