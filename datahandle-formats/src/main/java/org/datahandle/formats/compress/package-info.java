/**
 * The byte-stream compressions {@code gz}, {@code bgz} (BGZF) and {@code zst}, registered as
 * {@link org.datahandle.spi.CompressionCodec}s through {@code ServiceLoader}. See
 * {@code docs/compressions.md} for options and error messages.
 */
package org.datahandle.formats.compress;
