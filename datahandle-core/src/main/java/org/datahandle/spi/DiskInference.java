package org.datahandle.spi;

import org.datahandle.DiskSpec;

/**
 * Turns what the user wrote into a complete {@link DiskSpec}, at load, without I/O. Provided by
 * {@code datahandle-infer}. What happens to the paths afterwards (wildcards listed, leading bytes
 * checked against the compression and format) is storage work, done by core where the files are
 * opened, not by inference.
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
}
