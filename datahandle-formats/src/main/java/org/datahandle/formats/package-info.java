/**
 * The built-in format table (names, suffixes, magic bytes), registered through
 * {@link org.datahandle.spi.FormatProvider} whether or not a codec exists yet.
 */
package org.datahandle.formats;
