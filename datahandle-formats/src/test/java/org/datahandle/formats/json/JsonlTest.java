package org.datahandle.formats.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.formats.json.JsonFiles.jsonl;
import static org.datahandle.formats.json.JsonFiles.read;
import static org.datahandle.formats.json.JsonFiles.sources;
import static org.datahandle.formats.json.JsonFiles.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.DataFormatException;
import org.datahandle.spi.Codec;
import org.datahandle.spi.TableReader;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON Lines: one object per line, streaming in batches, several parts as one table, and line errors. */
class JsonlTest {
    @TempDir
    Path dir;

    private JsonFiles files() {
        return new JsonFiles(dir);
    }

    private static List<Table> stream(Codec codec, Path... paths) throws IOException {
        List<Table> batches = new ArrayList<>();
        try (TableReader r = codec.openStream(sources(paths))) {
            for (Optional<Table> b = r.next(); b.isPresent(); b = r.next()) {
                batches.add(b.get());
            }
        }
        return batches;
    }

    private static Codec batchesOf(int rows, Object... options) {
        return new JsonCodec(JsonLayout.LINES, JsonOptions.parse(JsonFiles.options(options), JsonOptions.JSONL_NAMES),
                rows);
    }

    private static String lines(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append("{\"id\":").append(i).append(",\"name\":\"n").append(i).append("\"}\n");
        }
        return sb.toString();
    }

    @Test
    void readsOneObjectPerLineSkippingBlankLines() throws IOException {
        Path p = files().file(".jsonl", "{\"a\": 1, \"b\": \"x\"}\n\n   \r\n{\"b\": \"y\", \"c\": [true]}\r\n{\"a\": 3}");
        Table t = read(jsonl(), p);
        assertThat(t.schema()).isEqualTo(Schema.of(Field.of("a", DataType.INT32), Field.of("b", DataType.STRING),
                Field.of("c", DataType.listOf(DataType.BOOLEAN))));
        assertThat(t.toRows()).extracting(r -> r.get("a")).containsExactly(1, null, 3);
        assertThat(t.get(1, "c")).isEqualTo(List.of(true));
    }

    @Test
    void writesOneCompactObjectPerLine() throws IOException {
        Table t = Table.builder(Schema.of(Field.of("a", DataType.INT64), Field.of("s", DataType.STRING)))
                .addRow(1L, "line\nbreak").addRow(null, "ü").build();
        Path p = files().write(jsonl(), ".jsonl", t);
        assertThat(text(p)).isEqualTo("{\"a\":1,\"s\":\"line\\nbreak\"}\n{\"a\":null,\"s\":\"ü\"}\n");
        assertThat(read(jsonl(), p).toRows()).isEqualTo(t.toRows().stream().map(r -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>(r);
            m.computeIfPresent("a", (k, v) -> ((Long) v).intValue());
            return m;
        }).toList());
        Path empty = files().write(jsonl(), ".jsonl", Table.empty(t.schema()));
        assertThat(text(empty)).isEmpty();
        assertThat(read(jsonl(), empty).rowCount()).isZero();
    }

    @Test
    void streamsInBatchesWithTypesFromTheFirstBatch() throws IOException {
        Path p = files().file(".jsonl", lines(0, 10));
        List<Table> batches = stream(batchesOf(4), p);
        assertThat(batches).extracting(Table::rowCount).containsExactly(4, 4, 2);
        assertThat(batches).extracting(Table::schema).containsOnly(Schema.of(Field.of("id", DataType.INT32),
                Field.of("name", DataType.STRING)));
        assertThat(batches.get(2).get(1, "name")).isEqualTo("n9");
        try (TableReader r = batchesOf(4).openStream(sources(p))) {
            assertThat(r.schema().names()).containsExactly("id", "name");
            assertThat(r.readAll().rowCount()).isEqualTo(10);
        }
        assertThat(stream(batchesOf(4), files().file(".jsonl", "\n\n"))).isEmpty();
    }

    @Test
    void laterValueThatMisfitsTheStreamTypesSaysToSetTheSchema() throws IOException {
        Path p = files().file(".jsonl", lines(0, 4) + "{\"id\": \"x7\", \"name\": \"n\"}\n");
        assertThatThrownBy(() -> stream(batchesOf(4), p)).isInstanceOfSatisfying(DataFormatException.class, e -> {
            assertThat(e.getMessage()).contains("handle 'events'").contains(p.toString()).contains("line 5")
                    .contains("column 'id': expected int32, found a string \"x7\"")
                    .contains("inferred from the first 4 rows").contains("schema: {id: string}");
            assertThat(e.line()).hasValue(5);
        });
        // The full read infers over everything, and a declared type streams fine.
        assertThat(read(jsonl(), p).schema().field("id").orElseThrow().type()).isEqualTo(DataType.STRING);
        assertThat(stream(batchesOf(4, "schema", Map.of("id", "string")), p)).extracting(Table::rowCount)
                .containsExactly(4, 1);
    }

    @Test
    void laterKeyThatTheFirstBatchLackedSaysToDeclareIt() throws IOException {
        Path p = files().file(".jsonl", lines(0, 4) + "{\"id\": 4}\n{\"id\": 5, \"extra\": 1.5}\n");
        assertThatThrownBy(() -> stream(batchesOf(4), p)).isInstanceOfSatisfying(DataFormatException.class, e -> {
            assertThat(e.getMessage()).contains("the key 'extra' is not a column")
                    .contains("schema: {extra: string}");
            assertThat(e.line()).hasValue(6);
        });
        List<Table> batches = stream(batchesOf(4, "schema", Map.of("extra", "float64")), p);
        assertThat(batches.get(0).schema().names()).containsExactly("id", "name", "extra");
        assertThat(batches.get(1).get(1, "extra")).isEqualTo(1.5);
    }

    @Test
    void twoFilesAreOneTable() throws IOException {
        Path a = files().file(".jsonl", lines(0, 3));
        Path b = files().file(".ndjson", "{\"id\": 9000000000, \"score\": 0.5}\n");
        Table t = read(jsonl(), a, b);
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.schema()).isEqualTo(Schema.of(Field.of("id", DataType.INT64), Field.of("name", DataType.STRING),
                Field.of("score", DataType.FLOAT64)));
        assertThat(t.toRows()).extracting(r -> r.get("id")).containsExactly(0L, 1L, 2L, 9_000_000_000L);
        assertThat(stream(batchesOf(2, "schema", Map.of("id", "int64", "score", "float64")), a, b))
                .extracting(Table::rowCount).containsExactly(2, 2);
    }

    @Test
    void lineThatIsNotAnObjectNamesItsLineAndOffset() throws IOException {
        Path p = files().file(".jsonl", "{\"a\": 1}\n[1, 2]\n");
        assertThatThrownBy(() -> read(jsonl(), p)).isInstanceOfSatisfying(DataFormatException.class, e -> {
            assertThat(e.getMessage()).contains("handle 'events'").contains(p.toString())
                    .contains("line 2 (byte offset 9)").contains("expected a JSON object on each line, found an array");
            assertThat(e.line()).hasValue(2);
            assertThat(e.byteOffset()).hasValue(9);
            assertThat(e.path()).hasValue(p.toUri());
        });
    }

    @Test
    void malformedLineNamesItsLineAndOffset() throws IOException {
        Path p = files().file(".jsonl", "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3,}\n");
        assertThatThrownBy(() -> read(jsonl(), p)).isInstanceOfSatisfying(DataFormatException.class, e -> {
            assertThat(e.getMessage()).contains("handle 'events'").contains(p.toString()).contains("line 3")
                    .contains("malformed JSON");
            assertThat(e.line()).hasValue(3);
            assertThat(e.byteOffset().orElseThrow()).isBetween(18L, 27L);
        });
    }

    @Test
    void recordsMustKeepToTheirOwnLine() throws IOException {
        Path two = files().file(".jsonl", "{\"a\": 1} {\"a\": 2}\n");
        assertThatThrownBy(() -> read(jsonl(), two)).isInstanceOfSatisfying(DataFormatException.class, e -> {
            assertThat(e.getMessage()).contains("a second JSON value on one line");
            assertThat(e.line()).hasValue(1);
            assertThat(e.byteOffset()).hasValue(9);
        });
        Path spread = files().file(".jsonl", "{\"a\": 1}\n{\"a\":\n 2}\n");
        assertThatThrownBy(() -> read(jsonl(), spread)).isInstanceOfSatisfying(DataFormatException.class, e -> {
            assertThat(e.getMessage()).contains("the object spans lines 2 to 3");
            assertThat(e.line()).hasValue(2);
        });
    }
}
