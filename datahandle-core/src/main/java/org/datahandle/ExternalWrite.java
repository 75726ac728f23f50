package org.datahandle;

import java.net.URI;
import java.util.List;

/**
 * An external tool's write to a handle's disk (O2D). Use it in try-with-resources: closing
 * without {@link #commit()} deletes the staged files and leaves the handle not produced.
 */
public interface ExternalWrite extends AutoCloseable {

    /**
     * Where the tool must write: one staging path per path in the spec, in the same order, each
     * with the same suffix as its final path so tools that look at suffixes behave. For a folder
     * path (one ending in {@code /}, a job's output of part files), the staging path is a folder
     * too, ending in {@code /}: the tool fills it (Spark: {@code df.write().save(path)}), and
     * {@link #commit()} publishes it with one rename of the folder.
     */
    List<URI> paths();

    /**
     * Checks that every staged file exists, then publishes them atomically and writes the commit
     * record; the disk becomes produced.
     *
     * @throws DataHandleException if a staged file is missing (nothing is published)
     * @throws AlreadyProducedException if the data was produced by someone else meanwhile
     */
    void commit();

    /**
     * {@link #commit()}, recording the data's schema in the commit record, so that readers type the
     * columns as written instead of inferring them again.
     *
     * @throws DataHandleException if a staged file is missing (nothing is published)
     * @throws AlreadyProducedException if the data was produced by someone else meanwhile
     * @since 0.2
     */
    void commit(org.datahandle.table.Schema schema);

    /** Ends the write; without a commit the staged files are removed. Idempotent. */
    @Override
    void close();
}
