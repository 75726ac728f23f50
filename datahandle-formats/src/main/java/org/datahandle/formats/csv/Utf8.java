package org.datahandle.formats.csv;

/** Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), as {@link CsvParser} checks it. */
final class Utf8 {
    private Utf8() {}

    static boolean valid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int v = b[i] & 0xff;
            if (v < 0x80) {
                i++;
                continue;
            }
            int n;
            int low = 0x80;
            int high = 0xBF;
            if (v >= 0xC2 && v <= 0xDF) {
                n = 1;
            } else if (v >= 0xE0 && v <= 0xEF) {
                n = 2;
                if (v == 0xE0) {
                    low = 0xA0;
                } else if (v == 0xED) {
                    high = 0x9F;
                }
            } else if (v >= 0xF0 && v <= 0xF4) {
                n = 3;
                if (v == 0xF0) {
                    low = 0x90;
                } else if (v == 0xF4) {
                    high = 0x8F;
                }
            } else {
                return false;
            }
            if (i + n >= to) {
                return false;
            }
            for (int k = 1; k <= n; k++) {
                int cont = b[i + k] & 0xff;
                if (cont < low || cont > high) {
                    return false;
                }
                low = 0x80;
                high = 0xBF;
            }
            i += n + 1;
        }
        return true;
    }
}
