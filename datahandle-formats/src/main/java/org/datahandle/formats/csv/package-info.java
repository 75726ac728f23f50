/**
 * CSV and TSV codecs: a byte-level parser that fills typed columns directly, parses large inputs
 * in chunks on every core, infers types without losing text, and reports bad input with path, line
 * and byte offset; and a writer that formats values straight into bytes.
 */
package org.datahandle.formats.csv;
