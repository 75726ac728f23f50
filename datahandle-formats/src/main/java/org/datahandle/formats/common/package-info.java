/**
 * Pieces the csv/tsv and json/jsonl codecs share: option parsing and the batch hand-out of a table
 * reader. Public only so that both codec packages can use them; not an API.
 */
package org.datahandle.formats.common;
