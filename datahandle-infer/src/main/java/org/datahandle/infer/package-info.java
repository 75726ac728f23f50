/**
 * Path inference: variable and home expansion, file system from the scheme, format and compression
 * from the suffix (from the registered providers), agreement of every path, wildcard expansion and
 * compression sniffing. Registered as a {@link org.datahandle.spi.DiskInference}.
 */
package org.datahandle.infer;
