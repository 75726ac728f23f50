package org.datahandle.formats.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
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
    private final String column;
    private final CharsetDecoder decoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    Utf8Check(String column) {
        this.column = column;
    }

    /** Checks every value of a page or dictionary. */
    void checkAll(PageValues values) {
        for (int i = 0; i < values.count; i++) {
            check(values.bytes, values.starts[i], values.lengths[i]);
        }
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
