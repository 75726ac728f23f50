package org.datahandle.formats.compress;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Command-line tools used as interop oracles. A missing tool skips the test, except under
 * {@code CI=true} (system property or environment), where it fails: CI must run every interop test.
 */
final class Cli {

    record Result(int exitCode, String stderr) {}

    private Cli() {}

    /** The tool's path; skips the test (fails under CI) when it is not on the PATH. */
    static Path require(String command, String debianPackage) {
        Optional<Path> found = find(command);
        if (found.isEmpty()) {
            String message = String.format(
                    "'%s' is not on the PATH: install the Debian package %s (apt-get install -y %s)",
                    command, debianPackage, debianPackage);
            if (isCi()) {
                fail(message + ". CI=true, so the interop test fails instead of being skipped.");
            }
            Assumptions.abort(message);
        }
        return found.orElseThrow();
    }

    static boolean isCi() {
        return "true".equalsIgnoreCase(System.getProperty("CI")) || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Optional<Path> find(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a tool with files as stdin and stdout (no pipes, so no pipe deadlocks). The wait limit
     * only guards against a hung tool; it is not a timing assertion.
     */
    static Result run(Path workDir, Path stdin, Path stdout, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        Path stderr = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(args).directory(workDir.toFile()).redirectError(stderr.toFile());
        builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
        builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("%s did not finish", args);
        }
        return new Result(process.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
