package org.datahandle.fs.hdfs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.Location;

/**
 * A held lock: an empty lock file this client created and keeps open, so that the namenode's lease
 * on it is ours. A daemon task refreshes the file's modification time every quarter of the lock
 * timeout, which tells other writers that the holder is alive (see {@link HdfsFileSystem}).
 *
 * <p>Every operation addresses the file by its inode ({@code /.reserved/.inodes/<id>}), never by
 * name: once another writer has taken over and made a new lock file under the same name, nothing
 * done here can touch it.
 */
final class HdfsLock implements FileLock {
    private static final System.Logger LOG = System.getLogger(HdfsLock.class.getName());

    private final Location location;
    private final DistributedFileSystem client;
    private final org.apache.hadoop.fs.Path byInode;
    private final FSDataOutputStream out;
    private final Consumer<HdfsLock> onRelease;
    private final AtomicBoolean released = new AtomicBoolean();
    private final ScheduledFuture<?> refresher;

    HdfsLock(Location location, DistributedFileSystem client, org.apache.hadoop.fs.Path byInode, FSDataOutputStream out,
            ScheduledExecutorService scheduler, long refreshMillis, Consumer<HdfsLock> onRelease) {
        this.location = location;
        this.client = client;
        this.byInode = byInode;
        this.out = out;
        this.onRelease = onRelease;
        this.refresher = scheduler.scheduleWithFixedDelay(this::refresh, refreshMillis, refreshMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Sets the modification time to now: the holder's heartbeat. */
    private void refresh() {
        if (released.get()) {
            return;
        }
        try {
            client.setTimes(byInode, System.currentTimeMillis(), -1);
        } catch (FileNotFoundException e) {
            if (!released.get()) {
                // another writer judged this lock abandoned and removed it: we stalled for longer than the timeout
                LOG.log(System.Logger.Level.ERROR, "the writer lock {0} was taken over by another writer; this "
                        + "process stopped refreshing it for longer than hdfs.lockTimeout", location);
                refresher.cancel(false);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot refresh the writer lock {0}: {1}", location, e.getMessage());
        }
    }

    /**
     * Closes the lock file, which ends our lease, then deletes that inode. Between the two another
     * writer may find the file closed and delete it itself; either way the lock is free.
     *
     * @throws UncheckedIOException if the lease was already lost (the lock was taken over) or HDFS
     *     refused the delete
     */
    @Override
    public void close() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        refresher.cancel(false);
        IOException failure = null;
        try {
            out.close();
        } catch (IOException e) {
            failure = e;
        }
        try {
            client.delete(byInode, false);
        } catch (FileNotFoundException e) {
            // already removed by a writer that found it closed
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        } finally {
            onRelease.accept(this);
        }
        if (failure != null) {
            throw new UncheckedIOException("cannot release the writer lock " + location, failure);
        }
    }

    @Override
    public String toString() {
        return "lock on " + location + (released.get() ? " (released)" : "");
    }
}
