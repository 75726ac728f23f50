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

    /** Opens the decompressed bytes. Called once. */
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
}
