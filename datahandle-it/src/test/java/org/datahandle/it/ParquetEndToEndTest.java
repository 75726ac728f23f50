package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.it.Workflows.handle;
import static org.datahandle.it.Workflows.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.SpecException;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet through handles: CSV in, Parquet out, Parquet back, and files that lie about being Parquet. */
class ParquetEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void csvToParquetAndBack() throws IOException {
        Files.writeString(dir.resolve("in.csv"), "id,name,when,price\n1,a,2024-01-02,1.50\n2,,2024-02-03,2.25\n");
        String yaml = handle("in", "in.csv")
                + "out:\n  disk:\n    path: out/data.parquet\n    options: {compression: zstd}\n";
        try (Catalog c = load(dir, yaml)) {
            c.get("out").write(c.get("in").read());
        }
        assertThat(Files.readAllBytes(dir.resolve("out/data.parquet"))).startsWith('P', 'A', 'R', '1');
        try (Catalog c = load(dir, yaml)) {
            Table back = c.get("out").read();
            assertThat(back).isEqualTo(c.get("in").read());
            assertThat(back.get(0, "when")).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThat(back.get(1, "name")).isNull();
        }
    }

    @Test
    void nestedAndDecimalValuesThroughRows() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sample", "HG001");
        row.put("dp", List.of(10L, 12L));
        row.put("info", Map.of("af", 0.5));
        row.put("qual", new BigDecimal("12.50"));
        try (Catalog c = load(dir, handle("n", "n.pq"))) {
            c.get("n").write(List.of(row));
        }
        try (Catalog c = load(dir, handle("n", "n.pq"))) {
            Table t = c.get("n").read();
            assertThat(t.get(0, "dp")).isEqualTo(List.of(10L, 12L));
            assertThat(t.get(0, "info")).isEqualTo(Map.of("af", 0.5));
            assertThat(t.get(0, "qual")).isEqualTo(new BigDecimal("12.50"));
        }
    }

    @Test
    void parquetWithACompressionSuffixIsASpecError() {
        assertThatThrownBy(() -> load(dir, handle("p", "x.parquet.gz"))).isInstanceOf(SpecException.class)
                .hasMessageContaining("parquet");
    }

    @Test
    void parquetRenamedCsvSaysWhatItReallyIs() {
        try (Catalog c = load(dir, handle("p", "p.parquet"))) {
            c.get("p").write(Workflows.rows(3, "x"));
        }
        try {
            Files.copy(dir.resolve("p.parquet"), dir.resolve("p.csv"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (Catalog c = load(dir, handle("q", "p.csv"))) {
            assertThatThrownBy(() -> c.get("q").read()).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("p.csv").hasMessageContaining("'parquet'");
        }
    }
}
