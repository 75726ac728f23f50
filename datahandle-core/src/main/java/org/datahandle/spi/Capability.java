package org.datahandle.spi;

/** Optional abilities of a {@link FileSystem}; the publish protocol and the contract tests branch on them. */
public enum Capability {
    /** {@link FileSystem#rename} replaces its target atomically (POSIX rename, HDFS FileContext rename). */
    ATOMIC_RENAME,
    /** {@link FileSystem#tryLock} gives a lock that another process cannot take and that dies with its holder. */
    EXCLUSIVE_LOCK,
    /** {@link FileSystem#createExclusive} fails atomically when the target exists (O_EXCL, If-None-Match). */
    EXCLUSIVE_CREATE,
    /** {@link FileSystem#openSeekable} is supported: random access without reading from the start. */
    SEEKABLE
}
