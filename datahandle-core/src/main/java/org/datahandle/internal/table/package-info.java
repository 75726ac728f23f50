/**
 * Not API. Handles whose disk is a database table: the table counterpart of the disk cell
 * ({@link org.datahandle.internal.table.TableDisk}), its disk interface for external tools, its
 * streaming sink, and the catalog's lazily created {@link org.datahandle.spi.TableStore}s. The
 * engines themselves are providers ({@code datahandle-db}).
 */
package org.datahandle.internal.table;
