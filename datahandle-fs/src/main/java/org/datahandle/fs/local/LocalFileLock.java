package org.datahandle.fs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.datahandle.spi.FileLock;

/**
 * An OS lock on a lock file, held through an open channel. The operating system releases it when
 * the process dies, however it dies.
 *
 * <p>{@link #close()} leaves the lock file in place. Deleting it would race: a second process may
 * have opened the file and be waiting to lock it while a third creates a new file under the same
 * name; both would then "hold" the lock, each on a different inode.
 */
final class LocalFileLock implements FileLock {
    private final Path canonical;
    private final FileChannel channel;
    private final java.nio.channels.FileLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    LocalFileLock(Path canonical, FileChannel channel, java.nio.channels.FileLock lock) {
        this.canonical = canonical;
        this.channel = channel;
        this.lock = lock;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // Closing the channel would release the lock too; releasing first says what we mean.
            try {
                lock.release();
            } finally {
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock on " + canonical, e);
        } finally {
            // Only now may another holder in this JVM open the file: our descriptor is gone.
            ProcessLockTable.release(canonical);
        }
    }

    @Override
    public String toString() {
        return "lock on " + canonical + (closed.get() ? " (released)" : "");
    }
}
