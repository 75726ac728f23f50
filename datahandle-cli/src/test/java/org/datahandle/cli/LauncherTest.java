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
import org.datahandle.testing.TestData;
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
    void theFirstRunWritesAClassDataSharingArchiveThatLaterRunsMap() throws Exception {
        Path csv = TestData.assumeCorpus("csv-spectrum").resolve("csvs/simple.csv");
        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("DATAHANDLE_CLASSPATH", jarsOnlyClassPath(), "DATAHANDLE_CDS_DIR",
                cache.toString());

        Result version = sh(env, SCRIPT.toString(), "--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(cache).as("--version loads too little to be worth archiving").doesNotExist();

        Result first = sh(env, SCRIPT.toString(), "head", csv.toString(), "-o", "csv");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).isEqualTo(Files.readString(csv).replace("\r\n", "\n"));
        assertThat(first.err()).as("the archive is written silently").isEmpty();
        List<Path> archives = list(cache);
        assertThat(archives).as("one archive, renamed into place (no temporary file left)").hasSize(1);
        assertThat(archives.get(0).getFileName().toString()).matches("cds-[0-9]+\\.jsa");

        Path classes = dir.resolve("classes.txt");
        Map<String, String> logged = new java.util.HashMap<>(env);
        logged.put("DATAHANDLE_JAVA_OPTS", "-Xmx128m -Dfile.encoding=UTF-8 -Xlog:class+load:file=" + classes);
        Result second = sh(logged, SCRIPT.toString(), "head", csv.toString(), "-o", "csv");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.err()).isEmpty();
        assertThat(Files.readString(classes)).as("the command's classes come from the archive")
                .contains("org.datahandle.cli.Main source: shared objects file (top)")
                .contains("org.datahandle.Catalog source: shared objects file (top)");
        assertThat(list(cache)).hasSize(1);
    }

    @Test
    void aFailedFirstRunKeepsItsExitCodeAndLeavesNoArchive() throws Exception {
        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("DATAHANDLE_CLASSPATH", jarsOnlyClassPath(), "DATAHANDLE_CDS_DIR",
                cache.toString());
        Result missing = sh(env, SCRIPT.toString(), "head", "no-such.csv");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.NOT_PRODUCED);
        assertThat(missing.err()).contains("no-such.csv");
        assertThat(list(cache)).as("a failed command loaded only part of the classes: tried again next time").isEmpty();
    }

    @Test
    void withoutAWritableCacheOrWithCdsOffTheCommandStillRuns() throws Exception {
        Path csv = TestData.assumeCorpus("csv-spectrum").resolve("csvs/simple.csv");
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        Result unwritable = sh(Map.of("DATAHANDLE_CLASSPATH", jarsOnlyClassPath(), "DATAHANDLE_CDS_DIR",
                notAFolder.resolve("cache").toString()), SCRIPT.toString(), "head", csv.toString(), "-o", "csv");
        assertThat(unwritable.exitCode()).as(unwritable.toString()).isZero();
        assertThat(unwritable.out()).isEqualTo("a,b,c\n1,2,3\n");
        assertThat(unwritable.err()).isEmpty();

        Path cache = dir.resolve("cache");
        Result off = sh(Map.of("DATAHANDLE_CLASSPATH", jarsOnlyClassPath(), "DATAHANDLE_CDS_DIR", cache.toString(),
                "DATAHANDLE_CDS", "off"), SCRIPT.toString(), "head", csv.toString(), "-o", "csv");
        assertThat(off.exitCode()).as(off.toString()).isZero();
        assertThat(off.out()).isEqualTo(unwritable.out());
        assertThat(cache).doesNotExist();
    }

    /**
     * The test class path with every folder of classes packed into a jar: the JVM archives classes
     * from jars only (and the launcher makes no archive with a folder on the path).
     */
    private String jarsOnlyClassPath() throws IOException {
        List<String> entries = new java.util.ArrayList<>();
        for (String entry : CliProcess.classPath().split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                if (p.endsWith("test-classes")) {
                    continue;
                }
                entries.add(jar(p).toString());
            } else if (Files.isRegularFile(p)) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private Path jar(Path classes) throws IOException {
        Path jar = dir.resolve("jars").resolve(classes.getParent().getParent().getFileName() + ".jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Files.createDirectories(jar.getParent());
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                java.util.stream.Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }

    /** Main builds only the named command's model (start-up); everything that lists commands still sees all. */
    @Test
    void helpVersionTyposAndOptionsBeforeTheCommandSeeEveryCommand() throws IOException {
        Result help = CliProcess.run(dir, "--help");
        assertThat(help.exitCode()).isZero();
        for (Class<?> type : DataHandleCommand.COMMANDS) {
            assertThat(help.out()).contains("  " + type.getAnnotation(picocli.CommandLine.Command.class).name() + " ");
        }
        Result helpHead = CliProcess.run(dir, "help", "head");
        assertThat(helpHead.out()).startsWith("Usage: datahandle head").contains("--quiet");
        Result version = CliProcess.run(dir, "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("datahandle ");
        Result typo = CliProcess.run(dir, "hed", "x.csv");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        // picocli's suggestions come from every command (it offers 'help', 'schema', 'json-schema' here)
        assertThat(typo.err()).contains("Unmatched arguments").contains("Did you mean: datahandle ");
        Files.writeString(dir.resolve("x.csv"), "a\n1\n");
        Result before = CliProcess.run(dir, "-q", "--verbose", "cat", "x.csv", "-o", "csv");
        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.out()).isEqualTo("a\n1\n");
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
        // never the user's own cache
        pb.environment().put("DATAHANDLE_CDS_DIR", dir.resolve("default-cds-cache").toString());
        pb.environment().remove("DATAHANDLE_CDS");
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
