package org.datahandle.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python client's pytest suite (clients/python/tests) in the project's virtual environment; its
 * fixtures start the Java server ({@link TestServerMain}) as a real subprocess on this test class path.
 * Skips when the venv or pytest is missing, except under {@code CI=true}. Pytest's exit code 5 (no tests
 * collected) is a failure: a suite that runs nothing must not pass.
 */
class PythonClientTest {

    @Test
    void thePytestSuitePasses() throws Exception {
        Path repo = Path.of(System.getProperty("datahandle.repo", "..")).toAbsolutePath().normalize();
        Path python = Path.of(System.getProperty("datahandle.python", repo.resolve(".venv/bin/python").toString()));
        boolean ci = "true".equals(System.getenv("CI"));
        if (!Files.isExecutable(python) || !hasPytest(python)) {
            assertThat(ci).as("CI=true but %s with pytest is missing (.ci/run installs it)", python).isFalse();
            Assumptions.abort("no Python with pytest at " + python + "; .ci/run makes .venv");
        }
        Path client = repo.resolve("clients/python");
        Path log = Files.createTempFile("datahandle-pytest", ".log");
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                client.resolve("tests").toString())
                .directory(client.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DATAHANDLE_TEST_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("DATAHANDLE_TEST_CLASSPATH", System.getProperty("java.class.path"));
        // the client from the source tree, whether or not .ci/run installed it into the venv
        pb.environment().put("PYTHONPATH", client.resolve("src").toString());
        pb.environment().remove("DATAHANDLE_URL");
        pb.environment().remove("DATAHANDLE_TOKEN");
        pb.environment().remove("DATAHANDLE_CONNECTION_FILE");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("pytest did not finish within 10 minutes:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        System.out.println(output);
        Files.deleteIfExists(log);
        int code = p.exitValue();
        assertThat(code).as("pytest collected no tests (exit code 5):\n%s", output).isNotEqualTo(5);
        assertThat(code).as("pytest failed (exit code %s):\n%s", code, output).isZero();
        assertThat(output).contains("passed").doesNotContain(" skipped");
    }

    private static boolean hasPytest(Path python) throws Exception {
        Process p = new ProcessBuilder(List.of(python.toString(), "-c", "import pytest, pyarrow")).redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
