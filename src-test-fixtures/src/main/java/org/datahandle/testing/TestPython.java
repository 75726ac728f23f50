package org.datahandle.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Python with pyarrow, numpy and pandas for interop tests: the virtual environment {@code .ci/run}
 * makes under {@code .venv/} at the repository root, or the interpreter the {@code datahandle.python} system
 * property names. As with {@link TestData}, a missing interpreter skips the test on a developer's machine and
 * fails it under {@code CI=true}.
 */
public final class TestPython {
    /** The system property naming the interpreter; the parent pom sets it for surefire. */
    public static final String PROPERTY = "datahandle.python";

    private TestPython() {}

    /** What a script printed and how it exited. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Fails the test with the script's output unless it exited with 0. */
        public Result assertSuccess() {
            if (exitCode != 0) {
                fail("python exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    /**
     * The interpreter: the system property when it names an executable file, else the first
     * {@code .venv/bin/python} found walking up from the working directory.
     */
    public static Optional<Path> interpreter() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank() && Files.isExecutable(Path.of(property))) {
            return Optional.of(Path.of(property));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".venv/bin/python");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The interpreter, checked to import {@code modules}; skips the calling test when there is none (fails it
     * when env {@code CI=true}).
     */
    public static Path assumePython(String... modules) {
        boolean onCi = "true".equalsIgnoreCase(System.getenv("CI"));
        Optional<Path> python = interpreter();
        String why = null;
        if (python.isEmpty()) {
            why = "no Python found: run .ci/run (it makes .venv/ with pyarrow, numpy, pandas) or set -D" + PROPERTY;
        } else if (modules.length > 0) {
            Result r = run(python.get(), "import " + String.join(", ", modules), List.of());
            if (r.exitCode() != 0) {
                why = python.get() + " cannot import " + String.join(", ", modules) + ": " + r.stderr().strip();
            }
        }
        if (why == null) {
            return python.get();
        }
        if (onCi) {
            return fail(why + " (CI=true, so this is an error, not a skip)");
        }
        return abort(why);
    }

    /** Runs {@code script} with {@code args} ({@code sys.argv[1:]}); a script running over 5 minutes is killed. */
    public static Result run(Path python, String script, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(python.toString());
        command.add("-c");
        command.add(script);
        command.addAll(args);
        try {
            Path out = Files.createTempFile("python-out", ".txt");
            Path err = Files.createTempFile("python-err", ".txt");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    p.waitFor();
                    return fail("python did not finish within 5 minutes: " + script);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return fail("cannot run " + python + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running python", e);
        }
    }
}
