package org.datahandle.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The file systems DataHandle ships, with their URI schemes and the artifact of each adapter: the
 * one table of them. Inference knows these names and schemes whether or not the adapter is on the
 * class path, so a spec naming HDFS loads without Hadoop; using such a path without the adapter
 * fails with an error naming the artifact to add. A registered {@link FileSystemFactory} serves a
 * scheme in its own right, and wins over this table for the schemes it declares.
 */
public enum BuiltInFileSystem {
    /** The local disk through {@code java.nio}: scheme {@code file} (and paths with no scheme). */
    LOCAL("local", List.of("file"), "org.datahandle:datahandle-fs"),
    /** This machine's shared memory ({@code /dev/shm}) on the local publish path: scheme {@code shm}. */
    SHM("shm", List.of("shm"), "org.datahandle:datahandle-fs"),
    /** HDFS through Hadoop's client: scheme {@code hdfs}. */
    HDFS("hdfs", List.of("hdfs"), "org.datahandle:datahandle-fs-hdfs"),
    /** S3 and S3-compatible stores through the AWS SDK: schemes {@code s3} and {@code s3a}. */
    S3("s3", List.of("s3", "s3a"), "org.datahandle:datahandle-fs-s3");

    private final String fileSystemName;
    private final List<String> schemes;
    private final String artifact;

    BuiltInFileSystem(String fileSystemName, List<String> schemes, String artifact) {
        this.fileSystemName = fileSystemName;
        this.schemes = schemes;
        this.artifact = artifact;
    }

    /** The name a spec's {@code disk.fileSystem} gives: {@code local}, {@code hdfs}, {@code s3}. */
    public String fileSystemName() {
        return fileSystemName;
    }

    /** The URI schemes it serves. */
    public List<String> schemes() {
        return schemes;
    }

    /** The Maven artifact ({@code groupId:artifactId}) whose adapter serves it. */
    public String artifact() {
        return artifact;
    }

    /** The built-in file system of a URI scheme, if one serves it. */
    public static Optional<BuiltInFileSystem> forScheme(String scheme) {
        return Arrays.stream(values()).filter(f -> f.schemes.contains(scheme)).findFirst();
    }

    /** The built-in file system of a name, if there is one. */
    public static Optional<BuiltInFileSystem> named(String fileSystemName) {
        return Arrays.stream(values()).filter(f -> f.fileSystemName.equals(fileSystemName)).findFirst();
    }
}
