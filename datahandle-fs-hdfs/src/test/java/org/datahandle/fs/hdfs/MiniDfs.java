package org.datahandle.fs.hdfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process HDFS (a namenode and a datanode) per test class:
 * {@code @RegisterExtension static final MiniDfs DFS = new MiniDfs();}. Its storage lives in a
 * temporary folder that is removed afterwards. Shared with datahandle-spark's tests through this
 * module's test jar.
 */
public final class MiniDfs implements BeforeAllCallback, AfterAllCallback {
    private Path baseDirectory;
    private MiniDFSCluster cluster;
    private DistributedFileSystem client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        baseDirectory = Files.createTempDirectory("minidfs-");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDirectory.toString());
        // small blocks, so a file being written shows its length growing block by block
        conf.setLong("dfs.namenode.fs-limits.min-block-size", 64 * 1024);
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        client = cluster.getFileSystem();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (cluster != null) {
                cluster.shutdown(true);
            }
        } finally {
            deleteRecursively(baseDirectory);
        }
    }

    /** {@code hdfs://localhost:<port>}, no trailing slash. */
    public URI uri() {
        URI uri = cluster.getURI();
        return URI.create("hdfs://" + uri.getAuthority());
    }

    /** A fresh, empty folder for one test: {@code hdfs://localhost:<port>/t/<random>}. */
    public Location freshFolder() {
        return Location.of(uri() + "/t/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The cluster's own client, for arranging and checking files behind the adapter's back. */
    public DistributedFileSystem client() {
        return client;
    }

    public org.apache.hadoop.fs.Path path(Location location) {
        return new org.apache.hadoop.fs.Path(location.uri());
    }

    /** An adapter instance with extra options (locations name this cluster's namenode themselves). */
    FileSystem newFileSystem(Map<String, String> options) {
        Map<String, String> all = new java.util.HashMap<>(FAST_CLIENT);
        all.putAll(options);
        return new HdfsFileSystemFactory().create(all);
    }

    /**
     * Client settings that only make tests faster: closing a file polls the namenode until the
     * datanode has reported the last block, starting at 400 ms between polls.
     */
    static final Map<String, String> FAST_CLIENT = Map.of("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "20");

    private static void deleteRecursively(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
