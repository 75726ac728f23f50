package org.datahandle.fs.hdfs;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.FileSystemFactory;

/**
 * The {@code hdfs} file system: {@code hdfs://namenode:port/path} and {@code hdfs:///path} (the
 * namenode of {@code fs.defaultFS}) through Hadoop's shaded client.
 *
 * <p>This class names no Hadoop type, so that {@link java.util.ServiceLoader} can list it in a job
 * that never touches HDFS without loading a single Hadoop class; Hadoop is loaded by
 * {@link #create}, which a catalog calls on the first use of an {@code hdfs:} path.
 *
 * <p>Options (from {@code Catalog.builder().fileSystemOption(key, value)}):
 * <ul>
 *   <li>every key starting with {@code fs.}, {@code dfs.}, {@code hadoop.} or {@code ipc.} is set on
 *       the Hadoop configuration, over what the configuration files say;
 *   <li>{@code hdfs.confDir}: a folder with {@code core-site.xml} and {@code hdfs-site.xml}
 *       (default: the {@code HADOOP_CONF_DIR} environment variable);
 *   <li>{@code hdfs.lockTimeout}: after how long without a refresh a writer's lock counts as
 *       abandoned ({@code 120s} by default; see {@link HdfsFileSystem} for what it means).
 * </ul>
 */
public final class HdfsFileSystemFactory implements FileSystemFactory {

    @Override
    public String name() {
        return "hdfs";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("hdfs");
    }

    /**
     * Reads the options and the configuration files; connects to no namenode until a location is
     * used.
     *
     * @throws org.datahandle.DataHandleException if an {@code hdfs.} option is unknown or malformed
     */
    @Override
    public FileSystem create(Map<String, String> options) {
        HdfsSettings settings = HdfsSettings.from(options, System.getenv());
        return new HdfsFileSystem(HadoopConfigurations.build(settings), settings.lockTimeout());
    }
}
