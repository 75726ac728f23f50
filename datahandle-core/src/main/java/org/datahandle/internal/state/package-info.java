/**
 * Not API. The two state machines ({@code DiskCell}, {@code MemoryCell}), the storage check that
 * decides whether a disk is produced, the on-disk layout of bookkeeping files, compression sniffing
 * on read, and the memory budget.
 */
package org.datahandle.internal.state;
