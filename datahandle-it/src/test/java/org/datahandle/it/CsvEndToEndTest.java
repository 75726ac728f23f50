package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.it.Workflows.handle;
import static org.datahandle.it.Workflows.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandle;
import org.datahandle.TableStream;
import org.datahandle.table.DataType;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV and TSV, plain and gz, through handles: types, options, and bad input. */
class CsvEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void csvGzInTsvGzOutWithInferredTypes() {
        Workflows.gzip(dir.resolve("in/samples.csv.gz"),
                "id,zip,depth,passed,collected\nHG01,08123,30.5,true,2024-01-03\nHG02,10115,,false,2024-02-01\n");
        String yaml = handle("in", "in/samples.csv.gz") + handle("out", "out/samples.tsv.gz");
        try (Catalog c = load(dir, yaml)) {
            Table t = c.get("in").read();
            assertThat(t.schema().field("zip").orElseThrow().type()).isEqualTo(DataType.STRING);
            assertThat(t.get(0, "zip")).isEqualTo("08123");
            assertThat(t.get(0, "depth")).isEqualTo(30.5);
            assertThat(t.get(1, "depth")).isNull();
            assertThat(t.get(1, "passed")).isEqualTo(false);
            assertThat(t.get(0, "collected")).isEqualTo(LocalDate.of(2024, 1, 3));
            c.get("out").write(t);
        }
        try (Catalog c = load(dir, yaml)) {
            assertThat(c.get("out").read()).isEqualTo(c.get("in").read());
        }
    }

    @Test
    void optionsAndExplicitSchema() throws IOException {
        Files.writeString(dir.resolve("x.csv"), "a;b\n1;NA\n2;3\n");
        String yaml = "x:\n  disk:\n    path: x.csv\n    options: {delimiter: ';', nullValue: NA, schema: {a: string}}\n";
        try (Catalog c = load(dir, yaml)) {
            Table t = c.get("x").read();
            assertThat(t.get(0, "a")).isEqualTo("1");
            assertThat(t.get(0, "b")).isNull();
            assertThat(t.get(1, "b")).isEqualTo(3);
        }
    }

    @Test
    void raggedRowIsADataFormatErrorWithHandlePathAndLine() throws IOException {
        Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3\n");
        try (Catalog c = load(dir, handle("bad", "bad.csv"))) {
            DataHandle h = c.get("bad");
            assertThatThrownBy(h::read).isInstanceOfSatisfying(DataFormatException.class, e -> {
                assertThat(e.getMessage()).contains("bad").contains("bad.csv");
                assertThat(e.line()).hasValue(3);
            });
            assertThat(h.state().memoryProduced()).isFalse();
        }
    }

    @Test
    void corruptGzIsADataFormatError() throws IOException {
        Path gz = Workflows.gzip(dir.resolve("c.csv.gz"), "a,b\n" + "1,2\n".repeat(10_000));
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (Catalog c = load(dir, handle("c", "c.csv.gz"))) {
            assertThatThrownBy(() -> c.get("c").read()).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("c.csv.gz");
            assertThat(c.get("c").state().memoryProduced()).isFalse();
        }
    }

    @Test
    void fileThatLiesAboutItsCompressionSaysSo() throws IOException {
        Workflows.gzip(dir.resolve("plain.csv"), "a\n1\n");
        try (Catalog c = load(dir, handle("p", "plain.csv"))) {
            assertThatThrownBy(() -> c.get("p").read()).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("uncompressed").hasMessageContaining("gz");
        }
    }

    @Test
    void streamReadsBatchesWithoutProducingMemory() throws IOException {
        StringBuilder csv = new StringBuilder("id,v\n");
        for (int i = 0; i < 200_000; i++) {
            csv.append(i).append(',').append(i * 2).append('\n');
        }
        Files.writeString(dir.resolve("s.csv"), csv);
        try (Catalog c = load(dir, handle("s", "s.csv"))) {
            long rows = 0;
            long sum = 0;
            try (TableStream s = c.get("s").stream()) {
                while (s.hasNext()) {
                    Table batch = s.next();
                    rows += batch.rowCount();
                    for (int r = 0; r < batch.rowCount(); r++) {
                        sum += ((Number) batch.get(r, "v")).longValue();
                    }
                }
            }
            assertThat(rows).isEqualTo(200_000);
            assertThat(sum).isEqualTo(2L * (199_999L * 200_000L / 2));
            assertThat(c.get("s").state().memoryProduced()).isFalse();
        }
    }

    @Test
    void compressionOptionsGoToTheCompression() throws IOException {
        String yaml = "fast:\n  disk:\n    path: fast.csv.gz\n    options: {level: 1, delimiter: ';'}\n"
                + "small:\n  disk:\n    path: small.csv.bgz\n    options: {level: 9, threads: 2}\n";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("row ").append(i % 97).append(' ');
        }
        var rows = java.util.List.of(java.util.Map.<String, Object>of("text", text.toString()));
        try (Catalog c = load(dir, yaml)) {
            c.get("fast").write(rows);
            c.get("small").write(rows);
            assertThat(c.get("fast").read().get(0, "text")).isEqualTo(text.toString());
        }
        assertThat(Files.size(dir.resolve("small.csv.bgz"))).isLessThan(Files.size(dir.resolve("fast.csv.gz")));
    }

    @Test
    void badCompressionOptionIsASpecError() {
        assertThatThrownBy(() -> load(dir, "x:\n  disk:\n    path: x.csv.zst\n    options: {level: 99}\n"))
                .isInstanceOf(org.datahandle.SpecException.class).hasMessageContaining("level");
        assertThatThrownBy(() -> load(dir, "x:\n  disk:\n    path: x.csv\n    options: {level: 3}\n"))
                .isInstanceOf(org.datahandle.SpecException.class).hasMessageContaining("no option 'level'");
    }
}
