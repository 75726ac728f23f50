package org.datahandle.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-once tests agree with a byte-by-byte look at every byte value in every place. */
class BytesTest {

    @Test
    void everyByteValueInEveryPlace() {
        for (int fill : new int[] {'a', ' ', '~', 0x7F}) {
            for (int v = 0; v < 256; v++) {
                for (int at = 0; at < 8; at++) {
                    byte[] b = new byte[8];
                    java.util.Arrays.fill(b, (byte) fill);
                    b[at] = (byte) v;
                    check(b);
                }
            }
        }
    }

    @Test
    void randomWords() {
        Random random = new Random(20261130);
        byte[] b = new byte[8];
        for (int i = 0; i < 1_000_000; i++) {
            random.nextBytes(b);
            if (i % 2 == 0) {
                for (int k = 0; k < 8; k++) {
                    b[k] &= 0x7F; // mostly ASCII, where the borrow between bytes matters most
                }
            }
            check(b);
        }
    }

    private static void check(byte[] b) {
        long word = (long) Bytes.LONG.get(b, 0);
        boolean newline = false;
        boolean plain = true;
        for (byte x : b) {
            int c = x & 0xFF;
            newline |= c == '\n';
            plain &= c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
        }
        assertThat(Bytes.hasNewline(word)).as("newline in %s", java.util.Arrays.toString(b)).isEqualTo(newline);
        assertThat(Bytes.plain(word)).as("plain %s", java.util.Arrays.toString(b)).isEqualTo(plain);
    }
}
