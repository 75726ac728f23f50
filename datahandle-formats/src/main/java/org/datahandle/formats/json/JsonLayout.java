package org.datahandle.formats.json;

/** Where a file keeps its rows. */
enum JsonLayout {
    /** {@code .json}: one top-level array whose elements are the row objects. */
    ARRAY("json"),
    /** {@code .jsonl}/{@code .ndjson}: one row object per line. */
    LINES("jsonl");

    private final String format;

    JsonLayout(String format) {
        this.format = format;
    }

    /** The format name, as users write it in YAML. */
    String format() {
        return format;
    }
}
