package org.datahandle.formats.csv;

/**
 * How big one CSV record may be, so a file without line breaks, or a field that never closes its
 * quote, fails with a {@code DataFormatException} instead of growing a buffer until the heap is
 * gone. Both are system properties (docs/limits.md lists them with their defaults).
 */
final class CsvLimits {
    private CsvLimits() {}

    /** {@code datahandle.csv.maxRecordBytes}: one record's bytes, fields and separators; default 128 MiB. */
    static long maxRecordBytes() {
        return Long.getLong("datahandle.csv.maxRecordBytes", 128L << 20);
    }

    /** {@code datahandle.csv.maxColumns}: fields in one record; default 65,536. */
    static int maxColumns() {
        return Integer.getInteger("datahandle.csv.maxColumns", 1 << 16);
    }

    /** A limit passed; the parser turns it into an error naming handle, file, line and offset. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message, null, false, false);
        }
    }

    static Exceeded recordTooLong(long bytes) {
        return new Exceeded("a record is longer than " + bytes + " bytes (the limit datahandle.csv.maxRecordBytes);"
                + " a file without line breaks, or a quote that is never closed? Raise the limit if the data is real"
                + " (docs/limits.md)");
    }

    static Exceeded tooManyColumns(int columns) {
        return new Exceeded("a record has more than " + columns + " fields (the limit datahandle.csv.maxColumns);"
                + " raise it if the data is real (docs/limits.md)");
    }
}
