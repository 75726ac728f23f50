package org.datahandle.formats.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

/**
 * An unsynchronized output buffer that formats numbers and dates straight into bytes: the writer
 * calls it for every character, where {@code BufferedOutputStream}'s synchronized {@code write(int)}
 * and a {@code String} per number would cost more than the text itself.
 */
final class TextOut {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private final byte[] digits = new byte[20];
    private int pos;

    TextOut(OutputStream out) {
        this.out = out;
    }

    void write(int b) throws IOException {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = (byte) b;
    }

    void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (len > buf.length - pos) {
            flushBuffer();
            if (len > buf.length) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** Text known to be ASCII (numbers, ISO dates, base64). */
    void ascii(String s) throws IOException {
        int n = s.length();
        if (n > buf.length - pos) {
            flushBuffer();
        }
        if (n > buf.length) {
            for (int i = 0; i < n; i++) {
                write(s.charAt(i));
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    /** A decimal integer, as {@link Long#toString(long)} writes it. */
    void decimal(long v) throws IOException {
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        if (v < 0) {
            write('-');
            v = -v;
        }
        int i = digits.length;
        do {
            digits[--i] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        write(digits, i, digits.length - i);
    }

    /** A date as {@link LocalDate#toString()} writes it; years 0 to 9999 without making a {@code LocalDate}. */
    void date(int epochDay) throws IOException {
        if (epochDay < MIN_FAST_DAY || epochDay > MAX_FAST_DAY) {
            ascii(LocalDate.ofEpochDay(epochDay).toString());
            return;
        }
        // Howard Hinnant's civil_from_days, the algorithm behind LocalDate.ofEpochDay
        long z = epochDay + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
        if (buf.length - pos < 10) {
            flushBuffer();
        }
        buf[pos++] = (byte) ('0' + y / 1000);
        buf[pos++] = (byte) ('0' + y / 100 % 10);
        buf[pos++] = (byte) ('0' + y / 10 % 10);
        buf[pos++] = (byte) ('0' + y % 10);
        buf[pos++] = '-';
        buf[pos++] = (byte) ('0' + m / 10);
        buf[pos++] = (byte) ('0' + m % 10);
        buf[pos++] = '-';
        buf[pos++] = (byte) ('0' + d / 10);
        buf[pos++] = (byte) ('0' + d % 10);
    }

    /** 0000-01-01 and 9999-12-31: four-digit years, which LocalDate writes without a sign. */
    private static final int MIN_FAST_DAY = (int) LocalDate.of(0, 1, 1).toEpochDay();
    private static final int MAX_FAST_DAY = (int) LocalDate.of(9999, 12, 31).toEpochDay();

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** Writes what is buffered and closes the stream. */
    void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
