package org.datahandle.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared test corpus (parquet-testing, csv-spectrum, ...), which lives outside the repository
 * because of its size. Tests that need it call {@link #assumeCorpus()}: on a developer's machine a
 * missing corpus skips them, on CI it fails them, so a misconfigured CI cannot pass by skipping.
 */
public final class TestData {
    /** The system property naming the corpus folder; the parent pom sets it for surefire. */
    public static final String PROPERTY = "datahandle.testData";

    static final String ABSENT_MESSAGE = "the shared test corpus is absent: clone it beside the repo as "
            + "../shared/data or set -D" + PROPERTY + "=...";

    private TestData() {}

    /**
     * The corpus folder, or empty when there is none. The system property wins when it names an
     * existing folder; otherwise the first {@code ../shared/data} found walking up from the working
     * directory (so a build from a module folder or from a git worktree still finds it).
     */
    public static Optional<Path> corpus() {
        return resolve(System.getProperty(PROPERTY), Path.of("").toAbsolutePath());
    }

    /** The corpus folder; skips the calling test when it is absent (fails it when env {@code CI=true}). */
    public static Path assumeCorpus() {
        return require(corpus(), "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** A folder of the corpus such as {@code parquet-testing}, under the same skip-or-fail rule. */
    public static Path assumeCorpus(String subfolder) {
        Path folder = assumeCorpus().resolve(subfolder);
        return require(Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty(),
                "true".equalsIgnoreCase(System.getenv("CI")), " (no folder " + folder + ")");
    }

    static Optional<Path> resolve(String property, Path workingDirectory) {
        if (property != null && !property.isBlank()) {
            Path configured = Path.of(property).toAbsolutePath().normalize();
            if (Files.isDirectory(configured)) {
                return Optional.of(configured);
            }
        }
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/data").normalize();
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Path require(Optional<Path> corpus, boolean onCi) {
        return require(corpus, onCi, "");
    }

    private static Path require(Optional<Path> corpus, boolean onCi, String detail) {
        if (corpus.isPresent()) {
            return corpus.get();
        }
        String message = ABSENT_MESSAGE + detail;
        if (onCi) {
            return fail(message + " (CI=true, so this is an error, not a skip)");
        }
        return abort(message);
    }
}
