/**
 * Not API. The two state machines ({@code DiskCell}, {@code MemoryCell}), the claims that keep two
 * handles from owning one file, and the memory budget. What the disk is on storage (layout, checks,
 * records, sources) is {@code internal.storage}, below this package.
 */
package org.datahandle.internal.state;
