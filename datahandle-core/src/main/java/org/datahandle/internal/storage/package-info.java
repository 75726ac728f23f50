/**
 * Not API. What a handle's disk is on storage, below the state machines and publishing: the on-disk
 * layout of data and bookkeeping files ({@code DiskLayout}), wildcard expansion ({@code GlobExpander})
 * and folder listing, the check that decides whether a disk is produced ({@code StorageCheck},
 * {@code DiskCheck}), the commit record and its checksums, and the read side of a file: the source a
 * codec reads ({@code DiskSource}), with the compression and format sniffed from its leading bytes
 * ({@code CompressionCheck}, {@code CompressionSniffer}), the record's checks on the way and the
 * expansion limit. The split of {@code disk.options} between compression and codec
 * ({@code DiskOptions}) lives here too.
 *
 * <p>It imports no other internal package: {@code state}, {@code publish} and {@code catalog} stand
 * on it, so the dependency runs one way ({@code PackageCyclesTest} checks).
 */
package org.datahandle.internal.storage;
