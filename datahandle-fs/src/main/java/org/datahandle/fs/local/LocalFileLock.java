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
 * <p>{@link #close()} removes the lock file, then releases the lock, so no write leaves a file
 * behind. That alone would race: a second process may have opened the file just before and lock
 * it once released, while a third creates a new file under the name; both would then "hold" the
 * lock, each on a different inode. So {@code tryLock}, once it holds a lock, checks that the name
 * still leads to the file it locked, and tries again when it does not.
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
                // while still held: the name goes first, so a late opener sees it gone and retries
                removeName();
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

    /** Best effort: a lock file that cannot be removed (read-only folder) is empty and harmless. */
    private void removeName() {
        try {
            java.nio.file.Files.deleteIfExists(canonical);
        } catch (IOException e) {
            // left in place; the next holder uses it as before
        }
    }

    @Override
    public String toString() {
        return "lock on " + canonical + (closed.get() ? " (released)" : "");
    }
}
