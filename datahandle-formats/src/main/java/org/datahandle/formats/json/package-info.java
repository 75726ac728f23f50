/**
 * The {@code json} and {@code jsonl} codecs, on Jackson's streaming parser and generator. A {@code json}
 * file is a document (read whole for the {@code object} and {@code json} memory formats) or, as a table,
 * a top-level array of row objects; a {@code jsonl} file holds one row object per line. See
 * {@code docs/formats-json.md} for options, the type mapping and error messages.
 */
package org.datahandle.formats.json;
