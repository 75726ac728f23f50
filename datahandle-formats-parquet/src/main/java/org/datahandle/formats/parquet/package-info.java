/**
 * The Parquet codec over parquet-java and Hadoop's shaded client, reading through our own
 * {@code InputFile} and {@code OutputFile} (never a Hadoop file system), column by column into
 * typed columns, with nested lists, structs and maps.
 */
package org.datahandle.formats.parquet;
