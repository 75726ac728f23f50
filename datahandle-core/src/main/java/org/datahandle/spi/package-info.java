/**
 * What providers implement: file systems ({@link org.datahandle.spi.FileSystemFactory}), formats and
 * their codecs ({@link org.datahandle.spi.FormatProvider}, {@link org.datahandle.spi.CodecFactory}),
 * compressions ({@link org.datahandle.spi.CompressionCodec}) and path inference
 * ({@link org.datahandle.spi.DiskInference}), gathered in an immutable {@link org.datahandle.spi.Registry};
 * and the deflate the compressions use for whole blocks ({@link org.datahandle.spi.DeflateProvider}),
 * chosen once per process because a native library is loaded once per process.
 * Built-in providers use the same interfaces as third-party ones.
 */
@NullMarked
package org.datahandle.spi;

import org.jspecify.annotations.NullMarked;
