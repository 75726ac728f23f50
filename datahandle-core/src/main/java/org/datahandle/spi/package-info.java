/**
 * What providers implement: file systems ({@link org.datahandle.spi.FileSystemFactory}), formats and
 * their codecs ({@link org.datahandle.spi.FormatProvider}, {@link org.datahandle.spi.CodecFactory}),
 * compressions ({@link org.datahandle.spi.CompressionCodec}) and path inference
 * ({@link org.datahandle.spi.DiskInference}), gathered in an immutable {@link org.datahandle.spi.Registry}.
 * Built-in providers use the same interfaces as third-party ones.
 */
@NullMarked
package org.datahandle.spi;

import org.jspecify.annotations.NullMarked;
