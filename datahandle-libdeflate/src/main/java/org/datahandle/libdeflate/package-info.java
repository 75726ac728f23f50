/**
 * The {@code libdeflate} {@link org.datahandle.spi.DeflateProvider}: a JNI binding of libdeflate that
 * BGZF reading and writing (and the VCF codec) use in place of the JDK's zlib when it loads. See
 * {@code docs/compressions.md}.
 */
package org.datahandle.libdeflate;
