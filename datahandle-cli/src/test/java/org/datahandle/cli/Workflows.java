package org.datahandle.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small real files for the CLI tests. */
final class Workflows {
    static final String SAMPLES_CSV = "sample_id,population,depth,passed_qc\n"
            + "S1,EUR,31.5,true\nS2,AFR,28.0,false\nS3,EUR,35.25,true\nS4,EAS,30.0,true\n";

    private Workflows() {}

    static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            return Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path gzip(Path dir, String name, String text) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(text.getBytes(StandardCharsets.UTF_8));
            }
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            return Files.write(p, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** samples (csv.gz input), two chromosome parts behind a glob, an output, a temporary handle. */
    static Path standard(Path dir) {
        gzip(dir, "data/samples.csv.gz", SAMPLES_CSV);
        write(dir, "data/parts/chr1.csv", "pos,ref\n100,A\n200,C\n");
        write(dir, "data/parts/chr2.csv", "pos,ref\n300,G\n");
        return write(dir, "workflow.yaml", """
                dataHandles:
                  samples:
                    disk:
                      path: data/samples.csv.gz
                  parts:
                    disk: {path: 'data/parts/chr*.csv'}
                  summary:
                    disk: {path: out/summary.tsv.gz}
                    memory: {format: rows}
                  scratch: {}
                jobs:
                  summarise: {inputs: [samples], outputs: [summary]}
                """);
    }
}
