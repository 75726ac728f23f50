package org.datahandle.fs.hdfs;

import java.io.IOException;
import java.nio.file.FileSystemException;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.ipc.RemoteException;
import org.datahandle.spi.Location;

/** Hadoop's errors in the terms of the {@code FileSystem} contract: typed where it matters, naming the location. */
final class HdfsErrors {
    /** The namenode's answer when another client holds a file's lease. */
    private static final String ALREADY_BEING_CREATED = "org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException";
    /** The namenode's answer while it recovers a dead client's lease on the file. */
    private static final String RECOVERY_IN_PROGRESS = "org.apache.hadoop.hdfs.protocol.RecoveryInProgressException";

    private HdfsErrors() {}

    /**
     * The error itself when it already names the location (the {@code java.nio.file} ones we make
     * do), otherwise an {@link IOException} whose message does, with the original as its cause.
     * Hadoop's remote errors carry the namenode's whole stack trace in their message; only its first
     * line is kept.
     */
    static IOException named(Location location, IOException error) {
        if (error instanceof FileSystemException) {
            return error;
        }
        String message = error.getMessage();
        if (message != null && message.contains(location.toString())) {
            return error;
        }
        String detail = message == null || message.isBlank() ? error.getClass().getSimpleName() : firstLine(message);
        return new IOException(location + ": " + detail, error);
    }

    /**
     * True when {@code create(path, overwrite=false)} failed because the file exists: closed
     * ({@code FileAlreadyExistsException}), or still being written by some client, this one included
     * ({@code AlreadyBeingCreatedException}, {@code RecoveryInProgressException}).
     */
    static boolean exists(IOException error) {
        return error instanceof FileAlreadyExistsException || isRemote(error, ALREADY_BEING_CREATED)
                || isRemote(error, RECOVERY_IN_PROGRESS) || isLocal(error, ALREADY_BEING_CREATED);
    }

    private static boolean isRemote(IOException error, String className) {
        return error instanceof RemoteException remote && className.equals(remote.getClassName());
    }

    /** The client unwraps some remote errors into their own class. */
    private static boolean isLocal(IOException error, String className) {
        return error.getClass().getName().equals(className);
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
