package org.datahandle.spi;

import java.util.Map;
import java.util.Set;

/**
 * Makes {@link FileSystem}s for some URI schemes. Found by {@link java.util.ServiceLoader} or
 * registered on the {@link Registry} builder.
 */
public interface FileSystemFactory {

    /** The file system's name as in YAML {@code disk.fileSystem}: {@code local}, {@code hdfs}, {@code s3}. */
    String name();

    /** The URI schemes it serves: {@code file}; {@code hdfs}; {@code s3}, {@code s3a}. */
    Set<String> schemes();

    /**
     * Creates a file system. Called once per catalog, lazily on the first use of the scheme, so a
     * catalog that never touches HDFS never loads Hadoop.
     *
     * @param options the builder's {@code fileSystemOption}s (all of them; take the ones you know)
     */
    FileSystem create(Map<String, String> options);
}
