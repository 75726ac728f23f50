package org.datahandle.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.Executor;

/** One file a codec writes; compression is applied by the stream. */
public interface WriteTarget {

    String handleId();

    /** Where the data will be published (the codec writes to a staging name behind the stream). */
    Location location();

    /** Opens the stream to write; closing it completes the file. Called once. */
    OutputStream open() throws IOException;

    /**
     * Threads a codec may use for parallel work on this file (encoding and compressing row groups
     * ahead of the writing thread), instead of starting threads of its own: the catalog's one
     * executor, as {@link ReadSource#executor()}. Tasks given to it must not wait on each other, and
     * a codec must not shut it down. Empty for a target that offers none; the codec then works on the
     * writing thread alone.
     *
     * @since 1.0
     */
    default Optional<Executor> executor() {
        return Optional.empty();
    }

    /**
     * Opens a file that belongs beside this one, under this file's name plus {@code suffix} — an
     * index such as {@code .tbi}. It is staged with the file, published in the same atomic step,
     * listed in the commit record, and deleted with the data. Raw bytes: no compression is
     * applied. Write it after the file itself is closed when it describes the file's bytes.
     *
     * @param suffix appended to this file's name, e.g. {@code ".tbi"}; at most once per suffix
     * @return the stream, or empty when this target cannot publish sidecar files (the caller then
     *     writes the data alone)
     * @throws IOException if the file cannot be created
     * @since 1.0
     */
    default Optional<OutputStream> openSidecar(String suffix) throws IOException {
        return Optional.empty();
    }
}
