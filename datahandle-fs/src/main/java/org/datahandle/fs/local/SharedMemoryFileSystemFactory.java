package org.datahandle.fs.local;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.datahandle.DataHandleException;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.FileSystemFactory;

/**
 * The {@code shm} file system: {@code shm:///samples.arrow} is a file in a per-user folder of
 * {@code /dev/shm} (mode 0700), the machine's shared memory, which any process on the machine can map
 * without a copy. Data outlives the process that wrote it, until it is deleted or the machine restarts.
 *
 * <p>Options (the builder's {@code fileSystemOption}s):
 * <ul>
 *   <li>{@code shm.directory}: the folder that holds the files, default
 *       {@code /dev/shm/datahandle-<user>}; the environment variable {@code DATAHANDLE_SHM_DIR} sets it
 *       when the option is absent;
 *   <li>{@code shm.limit}: a quota on the bytes all files in that folder may take together
 *       ({@code 512m}, {@code 2g}, or bytes); the environment variable {@code DATAHANDLE_SHM_LIMIT} sets
 *       it when the option is absent. Without it, the limit is the free space of the shared memory.
 * </ul>
 */
public final class SharedMemoryFileSystemFactory implements FileSystemFactory {
    /** The option naming the folder. */
    public static final String DIRECTORY = "shm.directory";
    /** The option giving the quota. */
    public static final String LIMIT = "shm.limit";
    /** The environment variable naming the folder when the option is absent. */
    public static final String DIRECTORY_ENV = "DATAHANDLE_SHM_DIR";
    /** The environment variable giving the quota when the option is absent. */
    public static final String LIMIT_ENV = "DATAHANDLE_SHM_LIMIT";

    @Override
    public String name() {
        return "shm";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("shm");
    }

    /**
     * Creates (or checks) the folder and sweeps staging files that dead writers left.
     *
     * @throws DataHandleException when the folder cannot be made private to this user, or an option is invalid
     */
    @Override
    public FileSystem create(Map<String, String> options) {
        return create(options, System.getenv());
    }

    FileSystem create(Map<String, String> options, Map<String, String> environment) {
        String dir = options.getOrDefault(DIRECTORY, environment.get(DIRECTORY_ENV));
        Path root = dir == null || dir.isBlank() ? defaultDirectory() : Path.of(dir).toAbsolutePath().normalize();
        String limitText = options.getOrDefault(LIMIT, environment.get(LIMIT_ENV));
        OptionalLong limit = OptionalLong.empty();
        if (limitText != null && !limitText.isBlank()) {
            limit = OptionalLong.of(parseSize(limitText, options.containsKey(LIMIT) ? LIMIT : LIMIT_ENV));
        }
        return SharedMemoryFileSystem.open(root, limit);
    }

    /** {@code /dev/shm/datahandle-<user>}: one folder per user, so users never see each other's data. */
    static Path defaultDirectory() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of("/dev/shm", "datahandle-" + user);
    }

    /** {@code 1073741824}, {@code 512k}, {@code 512m}, {@code 2g}, {@code 1t} (powers of 1024). */
    static long parseSize(String text, String name) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
            t = t.substring(0, t.length() - 1); // 512mb, 2gb
        }
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            case 't' -> unit = 1L << 40;
            default -> unit = 1;
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1).trim();
        try {
            long n = Long.parseLong(digits);
            if (n <= 0) {
                throw new NumberFormatException("not positive");
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be a positive size such as 512m, 2g or a number of bytes, "
                    + "was '" + text + "'", e);
        }
    }
}
