package org.datahandle.jobs;

/**
 * Encodes a stdout/stderr line straight from the child's bytes into the event's JSON line, with no
 * String in between: the hot path of a job that floods its output. Valid UTF-8 is copied as it is;
 * each maximal invalid subsequence becomes U+FFFD (as {@code new String(bytes, UTF_8)} decodes it);
 * quotes, backslashes and control characters are escaped. (An encoded surrogate, ED A0..BF xx, is one
 * replacement for its three bytes, as the JDK does.) The result is exactly what
 * {@link EventCodec#toJson} writes for the same {@link JobEvent.Output}.
 */
final class OutputLineEncoder {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    // The fixed parts of every line, as bytes: copied, not rebuilt from Strings, for each of millions of lines.
    private static final byte[] SEQ = ascii("{\"seq\":");
    private static final byte[] TIME = ascii(",\"time\":\"");
    private static final byte[] STDOUT = ascii("\",\"type\":\"stdout\",\"text\":\"");
    private static final byte[] STDERR = ascii("\",\"type\":\"stderr\",\"text\":\"");
    private static final byte[] END = ascii("\"}\n");
    private static final byte[] END_PARTIAL = ascii("\",\"partial\":true}\n");

    private byte[] out = new byte[1 << 16];
    private int len;
    /** The last sequence number written and its digits, right-aligned in {@code seqDigits}. */
    private static final int SEQ_DIGITS = 20;
    private final byte[] seqDigits = new byte[SEQ_DIGITS];
    private int seqLen;
    private long lastSeq = -2;

    /** The encoded bytes are {@code bytes()[0, length())}, valid until the next call. */
    byte[] bytes() {
        return out;
    }

    int length() {
        return len;
    }

    void encode(long seq, byte[] time, JobStream stream, byte[] b, int off, int n, boolean partial) {
        // worst case: every byte becomes \\u00XX (6 bytes) or a 3-byte replacement
        ensure(n * 6 + 128 + time.length);
        len = 0;
        put(SEQ);
        digits(seq);
        put(TIME);
        put(time);
        put(stream == JobStream.STDOUT ? STDOUT : STDERR);
        int end = off + n;
        int i = off;
        // the common case, plain ASCII text: copy runs of bytes that need no escaping at once, found
        // eight bytes at a time
        while (i < end) {
            int run = i;
            while (run + 8 <= end && Bytes.plain((long) Bytes.LONG.get(b, run))) {
                run += 8;
            }
            while (run < end) {
                int c = b[run];
                if (c < 0x20 || c == '"' || c == '\\') { // negative: a byte >= 0x80
                    break;
                }
                run++;
            }
            if (run > i) {
                System.arraycopy(b, i, out, len, run - i);
                len += run - i;
                i = run;
            }
            if (i == end) {
                break;
            }
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    out[len++] = '\\';
                }
                out[len++] = (byte) c;
                i++;
            } else if (c < 0x20) {
                escapeControl(c);
                i++;
            } else {
                int valid = validSequence(b, i, end);
                if (valid > 0) {
                    System.arraycopy(b, i, out, len, valid);
                    len += valid;
                    i += valid;
                } else {
                    System.arraycopy(REPLACEMENT, 0, out, len, 3);
                    len += 3;
                    i += -valid;
                }
            }
        }
        put(partial ? END_PARTIAL : END);
    }

    /**
     * The length of the valid UTF-8 sequence at {@code i}; or, negated, the length of the maximal
     * invalid subpart to replace by one U+FFFD (at least 1).
     */
    static int validSequence(byte[] b, int i, int end) {
        int lead = b[i] & 0xFF;
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            need = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            need = 3;
            if (lead == 0xE0) {
                lo = 0xA0;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            need = 4;
            if (lead == 0xF0) {
                lo = 0x90;
            } else if (lead == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return -1;
        }
        int j = 1;
        while (j < need && i + j < end) {
            int c = b[i + j] & 0xFF;
            if (c < lo || c > hi) {
                break;
            }
            lo = 0x80;
            hi = 0xBF;
            j++;
        }
        if (j == need && lead == 0xED && (b[i + 1] & 0xFF) >= 0xA0) {
            return -3; // an encoded surrogate: well-formed, so the JDK replaces all three bytes at once
        }
        return j == need ? need : -j;
    }

    private void escapeControl(int c) {
        out[len++] = '\\';
        switch (c) {
            case '\n':
                out[len++] = 'n';
                break;
            case '\r':
                out[len++] = 'r';
                break;
            case '\t':
                out[len++] = 't';
                break;
            case '\b':
                out[len++] = 'b';
                break;
            case '\f':
                out[len++] = 'f';
                break;
            default:
                out[len++] = 'u';
                out[len++] = '0';
                out[len++] = '0';
                out[len++] = HEX[c >> 4];
                out[len++] = HEX[c & 0xF];
        }
    }

    private void put(byte[] bytes) {
        System.arraycopy(bytes, 0, out, len, bytes.length);
        len += bytes.length;
    }

    /**
     * The decimal digits of a sequence number (never negative), without a String. Sequence numbers
     * come one after the other, so the last one's digits are kept and counted up (a carry now and
     * then) rather than divided out again for each of millions of lines.
     */
    private void digits(long v) {
        if (v != lastSeq + 1) {
            seqLen = 0;
            long rest = v;
            do {
                seqLen++;
                rest /= 10;
            } while (rest > 0);
            rest = v;
            for (int k = SEQ_DIGITS - 1; k >= SEQ_DIGITS - seqLen; k--) {
                seqDigits[k] = (byte) ('0' + rest % 10);
                rest /= 10;
            }
        } else {
            int k = SEQ_DIGITS - 1;
            while (seqDigits[k] == '9') {
                seqDigits[k--] = '0';
            }
            if (k < SEQ_DIGITS - seqLen) {
                seqLen++; // 99 -> 100: a new leading digit
                seqDigits[k] = '1';
            } else {
                seqDigits[k]++;
            }
        }
        lastSeq = v;
        System.arraycopy(seqDigits, SEQ_DIGITS - seqLen, out, len, seqLen);
        len += seqLen;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void ensure(int capacity) {
        if (out.length < capacity) {
            out = new byte[Math.max(capacity, out.length * 2)];
        }
    }
}
