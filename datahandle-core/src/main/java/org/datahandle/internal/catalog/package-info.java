/**
 * Not API. From declarations to handles: the loader, the {@code DataHandle} implementation (D2M in
 * read, M2D in write), partitioned writes, streaming sinks, and the lazily created file systems.
 */
package org.datahandle.internal.catalog;
