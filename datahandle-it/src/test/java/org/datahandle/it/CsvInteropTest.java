package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.datahandle.it.Workflows.handle;
import static org.datahandle.it.Workflows.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSV and TSV interop with DuckDB as an independent oracle, both ways, and the csv-spectrum corpus through
 * real handles.
 */
class CsvInteropTest {
    private static final Schema SCHEMA = Schema.of(Field.of("id", DataType.INT64), Field.of("score", DataType.FLOAT64),
            Field.of("name", DataType.STRING), Field.of("day", DataType.DATE), Field.of("ok", DataType.BOOLEAN),
            Field.of("zip", DataType.STRING));

    @TempDir
    Path dir;

    /** Rows with every kind of text a CSV writer must quote, plus nulls in every column. */
    private static Table sample() {
        return Table.builder(SCHEMA)
                .addRow(1L, 1.5, "plain", LocalDate.of(2024, 1, 3), true, "08123")
                .addRow(3_000_000_000L, -0.25, "comma, inside", LocalDate.of(1999, 12, 31), false, "10115")
                .addRow(3L, null, "quote \" inside", null, null, null)
                .addRow(4L, 100.0, "line\nbreak and\r\nCRLF", LocalDate.of(2000, 2, 29), true, "00001")
                .addRow(5L, 0.1, null, LocalDate.of(2024, 1, 4), false, "x")
                .addRow(6L, 1e-7, "", LocalDate.of(1970, 1, 1), true, "")
                .addRow(7L, 123456789.125, "漢字 🧬 e\u0301 tab\there", LocalDate.of(1, 1, 1), false, "  spaced  ")
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"out.csv", "out.csv.gz", "out.tsv", "out.tsv.gz"})
    void duckDbReadsWhatOurHandlesWrite(String file) throws SQLException {
        Table table = sample();
        try (Catalog c = load(dir, handle("out", file))) {
            c.get("out").write(table);
        }
        String delim = file.contains(".tsv") ? "\t" : ",";
        // allow_quoted_nulls=false: we write an empty string as "" and a null as nothing; DuckDB's default
        // would read both as null.
        List<Map<String, Object>> duck = query("SELECT * FROM read_csv('" + dir.resolve(file) + "', header=true, delim='"
                + delim + "', quote='\"', escape='\"', allow_quoted_nulls=false, types={'zip': 'VARCHAR'})");
        assertThat(duck).hasSize(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            Map<String, Object> row = duck.get(r);
            assertThat(row.keySet()).containsExactlyElementsOf(SCHEMA.names());
            assertThat(row.get("id")).isEqualTo(table.get(r, "id"));
            assertThat(row.get("score")).as("score of row %s", r).isEqualTo(table.get(r, "score"));
            assertThat(row.get("name")).as("name of row %s", r).isEqualTo(table.get(r, "name"));
            assertThat(row.get("day")).isEqualTo(table.get(r, "day"));
            assertThat(row.get("ok")).isEqualTo(table.get(r, "ok"));
            assertThat(row.get("zip")).as("zip of row %s", r).isEqualTo(table.get(r, "zip"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duck.csv", "duck.tsv.gz"})
    void ourHandlesReadWhatDuckDbWrites(String file) throws SQLException {
        String options = file.contains(".tsv") ? "HEADER, DELIMITER '\t'" : "HEADER";
        execute("COPY (SELECT * FROM (VALUES "
                + "(1, 3000000000, 1.5, 'plain', DATE '2024-01-03', true, '08123'), "
                + "(2, -5, -0.25, 'comma, inside', DATE '1999-12-31', false, '10115'), "
                + "(3, NULL, NULL, 'quote \" inside', NULL, NULL, NULL), "
                + "(4, 7, 100.0, 'line\nbreak', DATE '2000-02-29', true, '00001'), "
                + "(5, 8, 0.1, NULL, DATE '2024-01-04', false, 'x'), "
                + "(6, 9, 2.0, '', DATE '1970-01-01', true, '12'), "
                + "(7, 10, 123456789.125, '漢字 🧬', DATE '0001-01-01', false, '7')"
                + ") t(id, big, score, name, day, ok, zip) ORDER BY id) TO '" + dir.resolve(file) + "' (" + options + ")");
        try (Catalog c = load(dir, handle("duck", file))) {
            Table t = c.get("duck").read();
            Map<String, DataType> types = new LinkedHashMap<>();
            t.schema().fields().forEach(f -> types.put(f.name(), f.type()));
            assertThat(types).containsExactly(Map.entry("id", DataType.INT32), Map.entry("big", DataType.INT64),
                    Map.entry("score", DataType.FLOAT64), Map.entry("name", DataType.STRING),
                    Map.entry("day", DataType.DATE), Map.entry("ok", DataType.BOOLEAN), Map.entry("zip", DataType.STRING));
            assertThat(t.rowCount()).isEqualTo(7);
            assertThat(t.get(0, "big")).isEqualTo(3_000_000_000L);
            assertThat(t.get(1, "big")).isEqualTo(-5L);
            assertThat(t.get(2, "big")).isNull();
            assertThat(t.get(0, "score")).isEqualTo(1.5);
            assertThat(t.get(4, "score")).isEqualTo(0.1);
            assertThat(t.get(5, "score")).isEqualTo(2.0);
            assertThat(t.get(6, "score")).isEqualTo(123456789.125);
            assertThat(t.get(1, "name")).isEqualTo("comma, inside");
            assertThat(t.get(2, "name")).isEqualTo("quote \" inside");
            assertThat(t.get(3, "name")).isEqualTo("line\nbreak");
            assertThat(t.get(4, "name")).isNull();
            assertThat(t.get(5, "name")).as("DuckDB writes an empty string as \"\"").isEqualTo("");
            assertThat(t.get(6, "name")).isEqualTo("漢字 🧬");
            assertThat(t.get(3, "day")).isEqualTo(LocalDate.of(2000, 2, 29));
            assertThat(t.get(6, "day")).isEqualTo(LocalDate.of(1, 1, 1));
            assertThat(t.get(2, "day")).isNull();
            assertThat(t.get(1, "ok")).isEqualTo(false);
            assertThat(t.get(0, "zip")).as("leading zeros stay text").isEqualTo("08123");
            assertThat(t.get(3, "zip")).isEqualTo("00001");
        }
    }

    @Test
    void csvSpectrumThroughHandles() throws IOException {
        Path corpus = TestData.assumeCorpus("csv-spectrum");
        List<String> names = List.of("comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines",
                "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8");
        StringBuilder yaml = new StringBuilder();
        for (String name : names) {
            Files.copy(corpus.resolve("csvs/" + name + ".csv"), dir.resolve(name + ".csv"));
            yaml.append(name).append(":\n  disk:\n    path: ").append(name).append(".csv\n")
                    .append("    options: {inferTypes: false}\n");
        }
        try (Catalog c = load(dir, yaml.toString())) {
            for (String name : names) {
                JsonNode json = new ObjectMapper().readTree(corpus.resolve("json/" + name + ".json").toFile());
                List<Map<String, String>> expected = new ArrayList<>();
                for (JsonNode row : json) {
                    Map<String, String> m = new LinkedHashMap<>();
                    row.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
                    expected.add(m);
                }
                DataHandle h = c.get(name);
                List<Map<String, String>> actual = new ArrayList<>();
                for (Map<String, Object> row : h.read().toRows()) {
                    Map<String, String> m = new LinkedHashMap<>();
                    // csv-spectrum writes an unquoted empty field as "", which a handle reads as null.
                    row.forEach((k, v) -> m.put(k, v == null ? "" : (String) v));
                    actual.add(m);
                }
                assertThat(actual).as(name).isEqualTo(expected);
            }
        }
    }

    private List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:"); Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Date d) {
                        v = d.toLocalDate();
                    }
                    row.put(md.getColumnName(i), v);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:"); Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }
}
