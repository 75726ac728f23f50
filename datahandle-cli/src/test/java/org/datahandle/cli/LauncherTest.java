package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.datahandle.cli.CliProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code datahandle} launcher script and the shell completion picocli generates. */
class LauncherTest {
    private static final Path SCRIPT = Path.of("src/main/sh/datahandle").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theLauncherRunsTheCommandAlsoThroughALink() throws Exception {
        Result direct = sh(Map.of("DATAHANDLE_CLASSPATH", CliProcess.classPath()), SCRIPT.toString(), "--version");
        assertThat(direct.exitCode()).as(direct.toString()).isZero();
        assertThat(direct.out()).startsWith("datahandle ");

        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("datahandle"), SCRIPT);
        Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        Result viaLink = sh(Map.of("DATAHANDLE_CLASSPATH", CliProcess.classPath()), link.toString(), "cat", "x.csv",
                "-o", "csv");
        assertThat(viaLink.exitCode()).as(viaLink.toString()).isZero();
        assertThat(viaLink.out()).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void withoutAJarTheLauncherSaysWhereItLooked() throws Exception {
        Path alone = Files.copy(SCRIPT, dir.resolve("datahandle"));
        Result r = sh(Map.of(), alone.toString(), "--version");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot find datahandle-cli-*.jar").contains("DATAHANDLE_JAR");
    }

    @Test
    void shellCompletionIsGeneratedAndIsValidBash() throws Exception {
        Result r = CliProcess.run(dir, "generate-completion");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("complete").contains("head").contains("cat").contains("convert")
                .contains("--output");
        Path script = Files.writeString(dir.resolve("datahandle_completion"), r.out());
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
    }

    private Result sh(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile());
        pb.environment().remove("DATAHANDLE_JAR");
        pb.environment().remove("DATAHANDLE_CLASSPATH");
        pb.environment().put("DATAHANDLE_JAVA_OPTS", "-Xmx128m -Dfile.encoding=UTF-8");
        pb.environment().putAll(env);
        Path out = dir.resolve("launcher-out.txt");
        Path err = dir.resolve("launcher-err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
