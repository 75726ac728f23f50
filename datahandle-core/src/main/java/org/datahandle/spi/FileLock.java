package org.datahandle.spi;

/** A held writer lock on a file system; released by {@link #close()} or when its process dies. */
public interface FileLock extends AutoCloseable {
    /** Releases the lock. Idempotent. */
    @Override
    void close();
}
