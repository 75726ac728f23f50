package org.datahandle.fs.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.Location;

/**
 * Removes the staging files that writers which died left in the shared memory folder, where they would
 * otherwise hold RAM until the next write of their handle.
 *
 * <p>A staging file is in use only while its writer holds a writer lock, which may sit in another folder
 * (beside the handle's first file). So: note the time, then take and release every lock file under the
 * folder; if each was free, no writer was active at that time, and staging files last modified before it
 * are dead. A writer that starts later writes newer files, which stay; if any lock is held, nothing is
 * swept this time. Lock files are kept: they are empty (no memory beyond an inode), and deleting one that
 * another process is about to lock would let two writers hold the same lock.
 */
final class ShmSweep {
    private static final String STAGING_PREFIX = ".staging-";
    private static final String LOCK_SUFFIX = ".datahandle.lock";
    private static final int MAX_DEPTH = 32;

    private ShmSweep() {}

    /** Sweeps the folder; returns how many staging files were removed. */
    static int sweep(LocalFileSystem local, Path root) throws IOException {
        FileTime start = FileTime.fromMillis(System.currentTimeMillis() - 1);
        List<Path> staging = new ArrayList<>();
        List<Path> locks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
            files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                String name = p.getFileName().toString();
                if (name.startsWith(STAGING_PREFIX)) {
                    staging.add(p);
                } else if (name.endsWith(LOCK_SUFFIX)) {
                    locks.add(p);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            return 0; // the folder changed while we walked it; sweep another time
        }
        if (staging.isEmpty() || !allFree(local, locks)) {
            return 0;
        }
        int removed = 0;
        for (Path s : staging) {
            try {
                if (Files.getLastModifiedTime(s, LinkOption.NOFOLLOW_LINKS).compareTo(start) < 0
                        && Files.deleteIfExists(s)) {
                    removed++;
                }
            } catch (IOException e) {
                // gone meanwhile, or not ours to delete: leave it
            }
        }
        return removed;
    }

    private static boolean allFree(LocalFileSystem local, List<Path> locks) throws IOException {
        for (Path lock : locks) {
            Optional<FileLock> held = local.tryLock(Location.of(lock));
            if (held.isEmpty()) {
                return false;
            }
            held.get().close();
        }
        return true;
    }
}
