package org.datahandle.formats.vcf;

import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.datahandle.Catalog;
import org.datahandle.table.Table;
import org.datahandle.testing.TestData;

/** Test helpers: handles over VCF files, the shared corpus, and the bcftools/tabix oracles. */
final class Vcf {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vcf() {}

    /** The shared VCF corpus (skips without it; fails on CI). */
    static Path corpus() {
        return TestData.assumeCorpus("vcf");
    }

    /** A one-handle workflow: {@code name} over {@code path} (a string or a list) with disk options. */
    static String yaml(String name, Object path, Map<String, Object> options) {
        return yaml(name, path, options, null);
    }

    static String yaml(String name, Object path, Map<String, Object> options, String memoryFormat) {
        try {
            StringBuilder y = new StringBuilder(name + ":\n  disk:\n    path: " + JSON.writeValueAsString(path) + "\n");
            if (!options.isEmpty()) {
                y.append("    options: ").append(JSON.writeValueAsString(options)).append('\n');
            }
            if (memoryFormat != null) {
                y.append("  memory:\n    format: ").append(memoryFormat).append('\n');
            }
            return y.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Catalog catalog(Path base, String yaml) {
        return Catalog.fromYaml(yaml, base);
    }

    /** Reads {@code file} through a handle, as a user would. */
    static Table read(Path file, Map<String, Object> options) {
        try (Catalog c = catalog(file.getParent(), yaml("calls", file.toString(), options))) {
            return c.get("calls").read();
        }
    }

    static Table read(Path file) {
        return read(file, Map.of());
    }

    static boolean hasTool(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips without the tool, fails on CI (where .ci/run installs it). */
    static void assumeTool(String tool) {
        boolean present = hasTool(tool);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(tool + " is not installed; .ci/run installs it");
        }
        assumeThat(present).as(tool + " is not installed").isTrue();
    }

    /** Runs a command, returns its stdout lines; fails with its stderr when it fails. */
    static List<String> run(Path dir, String... command) {
        try {
            Path err = Files.createTempFile("vcf-oracle", ".err");
            try {
                Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " timed out");
                }
                if (p.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                            + Files.readString(err));
                }
                String text = new String(out, StandardCharsets.UTF_8);
                List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
                if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                    lines.remove(lines.size() - 1);
                }
                return lines;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
