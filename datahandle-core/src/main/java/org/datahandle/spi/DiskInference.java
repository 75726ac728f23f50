package org.datahandle.spi;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;

/**
 * Turns what the user wrote into a complete {@link DiskSpec}, expands wildcards, and tells
 * compressions apart by their bytes. Provided by {@code datahandle-infer}.
 */
public interface DiskInference {

    /**
     * Expands every path ({@code ${VAR}}, {@code ${VAR:-default}}, {@code ~}, relative to the base
     * folder), infers file system, format and compression per path, checks that all paths agree and
     * that given values agree with inferred ones. Does no I/O.
     *
     * @throws org.datahandle.SpecException naming the handle, the field, its line and column, and
     *     both values for a conflict
     */
    DiskSpec infer(DiskDeclaration declaration, InferenceContext context);

    /**
     * The files a path stands for: itself if it has no wildcard (whether or not it exists), else every
     * existing file that matches, sorted by name.
     */
    List<Location> expand(DiskPath path, FileSystem fileSystem) throws IOException;

    /**
     * Which registered compression the leading bytes of a file show, if any. BGZF is reported as
     * {@code bgz} even though it is also valid gzip.
     */
    Optional<CompressionCodec> sniffCompression(byte[] head, int length, Registry registry);
}
