package org.datahandle.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/**
 * What inference may consult besides the declaration: no I/O happens during inference.
 *
 * @param source the workflow file name for error messages ({@code <yaml>} for a string)
 * @param handleId the handle being inferred
 * @param baseDirectory relative paths resolve against it (the workflow file's folder)
 * @param environment variables for {@code ${VAR}} expansion
 * @param home the user's home directory, for {@code ~}
 * @param registry the registered formats, compressions and file systems
 */
public record InferenceContext(String source, String handleId, Path baseDirectory, Map<String, String> environment,
        Path home, Registry registry) {
    public InferenceContext {
        requireNonNull(source, "source is null");
        requireNonNull(handleId, "handleId is null");
        requireNonNull(baseDirectory, "baseDirectory is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(home, "home is null");
        requireNonNull(registry, "registry is null");
    }
}
