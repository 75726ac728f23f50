package org.datahandle.fs.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;

/**
 * The other process in {@link LocalFileLockProcessTest}.
 *
 * <ul>
 *   <li>{@code hold <file>}: takes the lock, prints {@code LOCKED}, and keeps it until stdin closes
 *       (the parent closes it, or dies) or the process is killed.
 *   <li>{@code probe <file>}: tries the lock once and prints {@code TAKEN} or {@code BUSY}.
 *   <li>{@code hammer <file> <marker> <rounds>}: takes and releases the lock {@code rounds} times;
 *       while holding it, creates {@code marker} exclusively and removes it again, so two holders
 *       at once show as a marker that already exists. Prints {@code DONE <times taken>} or
 *       {@code OVERLAP}.
 * </ul>
 */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("hammer")) {
            hammer(Location.of(Path.of(args[1])), Path.of(args[2]), Integer.parseInt(args[3]));
            return;
        }
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: hold|probe <lock file>");
        }
        Location location = Location.of(Path.of(args[1]));
        try (FileSystem fileSystem = new LocalFileSystemFactory().create(Map.of())) {
            Optional<FileLock> lock = fileSystem.tryLock(location);
            switch (args[0]) {
                case "hold" -> {
                    if (lock.isEmpty()) {
                        System.out.println("BUSY");
                        return;
                    }
                    System.out.println("LOCKED");
                    System.out.flush();
                    // Blocks until the parent closes our stdin; a killed parent closes it too.
                    while (System.in.read() >= 0) {
                        // ignore input
                    }
                    lock.get().close();
                }
                case "probe" -> {
                    System.out.println(lock.isPresent() ? "TAKEN" : "BUSY");
                    lock.ifPresent(FileLock::close);
                }
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
    }

    private static void hammer(Location location, Path marker, int rounds) throws IOException {
        int taken = 0;
        try (FileSystem fileSystem = new LocalFileSystemFactory().create(Map.of())) {
            for (int i = 0; i < rounds; i++) {
                Optional<FileLock> lock = fileSystem.tryLock(location);
                if (lock.isEmpty()) {
                    continue;
                }
                try {
                    java.nio.file.Files.createFile(marker);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    System.out.println("OVERLAP");
                    return;
                }
                taken++;
                java.nio.file.Files.delete(marker);
                lock.get().close();
            }
        }
        System.out.println("DONE " + taken);
    }
}
