package org.datahandle.fs.local;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The lock files this JVM holds, whichever {@link LocalFileSystem} took them.
 *
 * <p>Why process-wide and not per file system: POSIX record locks belong to the process, and
 * closing <em>any</em> descriptor of a file drops every lock the process holds on it. So a second
 * catalog (a second {@code LocalFileSystem}) must not even open a channel on a file the first one
 * has locked: {@code FileChannel.tryLock} would throw {@code OverlappingFileLockException}, and
 * closing that probing channel would silently release the first catalog's lock to other
 * processes. (Verified on Linux with JDK 17; {@code java.nio.channels.FileLock} warns about it.)
 * The table mirrors state the operating system already keeps per process, so it is static on
 * purpose.
 */
final class ProcessLockTable {
    private static final Set<Path> HELD = new HashSet<>();

    private ProcessLockTable() {}

    /** Claims a canonical lock path for this JVM; false when some holder in this JVM has it. */
    static boolean claim(Path canonical) {
        synchronized (HELD) {
            return HELD.add(canonical);
        }
    }

    /** Gives a claimed path back; call only after the lock's channel is closed. */
    static void release(Path canonical) {
        synchronized (HELD) {
            HELD.remove(canonical);
        }
    }
}
