/**
 * HDFS through Hadoop's shaded client, loaded only when an {@code hdfs:} path is used:
 * {@code FileContext} rename, exclusive create, and a lease-based writer lock.
 */
package org.datahandle.fs.hdfs;
