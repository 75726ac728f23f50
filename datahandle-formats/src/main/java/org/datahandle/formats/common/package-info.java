/**
 * Pieces the csv/tsv and json/jsonl codecs share: option parsing, the batch hand-out of a table
 * reader and a writer's check of a batch's schema. Public only so that both codec packages can use
 * them; not an API.
 */
package org.datahandle.formats.common;
