package org.datahandle.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One file a codec reads, already decompressed.
 */
public interface ReadSource {

    /** The handle being read, for error messages. */
    String handleId();

    /** The file, for error messages. */
    Location location();

    /**
     * Opens the decompressed bytes, from the start. Usually called once; a codec may call it again for a
     * second pass over the file (the csv codec's {@code inferRows: all} infers types in a first pass), so
     * each call must return a new stream from the first byte.
     */
    InputStream open() throws IOException;

    /** Random access to the raw file, for self-compressed formats (Parquet). */
    SeekableInput openSeekable() throws IOException;

    /**
     * Threads a codec may use for parallel work on this file (parsing chunks ahead of the reader),
     * instead of starting threads of its own: the catalog's one executor, which the engine may supply
     * ({@code Catalog.builder().executor(...)}). Tasks given to it must not wait on each other, and a
     * codec must not shut it down. Empty for a source that offers none; the codec then works as it
     * would without (its own threads, or the reading thread alone).
     */
    default Optional<Executor> executor() {
        return Optional.empty();
    }

    /**
     * A file stored beside this one under this file's name plus {@code suffix} — an index such as
     * {@code .tbi} or {@code .csi} — as raw bytes. The library's sources look for it on the same
     * file system; a source with no neighbours returns empty.
     *
     * @param suffix appended to this file's name, e.g. {@code ".tbi"}
     * @return the open stream, or empty when there is no such file
     * @throws IOException if it exists but cannot be opened
     * @since 1.0
     */
    default Optional<InputStream> openSidecar(String suffix) throws IOException {
        return Optional.empty();
    }
}
