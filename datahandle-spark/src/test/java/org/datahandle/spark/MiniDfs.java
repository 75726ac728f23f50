package org.datahandle.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process HDFS (a namenode and a datanode) per test class:
 * {@code @RegisterExtension static final MiniDfs DFS = new MiniDfs();}. Its storage lives in a
 * temporary folder that is removed afterwards.
 */
final class MiniDfs implements BeforeAllCallback, AfterAllCallback {
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
    URI uri() {
        URI uri = cluster.getURI();
        return URI.create("hdfs://" + uri.getAuthority());
    }

    /** A fresh, empty folder for one test: {@code hdfs://localhost:<port>/t/<random>}. */
    Location freshFolder() {
        return Location.of(uri() + "/t/" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The cluster's own client, for arranging and checking files behind the adapter's back. */
    DistributedFileSystem client() {
        return client;
    }

    org.apache.hadoop.fs.Path path(Location location) {
        return new org.apache.hadoop.fs.Path(location.uri());
    }

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
