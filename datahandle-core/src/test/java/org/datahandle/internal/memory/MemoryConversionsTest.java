package org.datahandle.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.MemoryFormat;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;

class MemoryConversionsTest {
    private static final String H = "scores";

    record Score(String name, int points, LocalDate day) {}

    private static Table table() {
        Schema s = Schema.of(Field.of("name", DataType.STRING), Field.of("points", DataType.INT32),
                Field.of("weight", DataType.FLOAT64));
        return Table.builder(s).addRow("ada", 3, 0.5).addRow("bob", null, 2.0).build();
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void tableToEveryFormat() {
        Table t = table();
        assertThat(MemoryConversions.toMemory(t, MemoryFormat.TABLE, H)).isSameAs(t);
        assertThat(MemoryConversions.toMemory(t, MemoryFormat.ROWS, H))
                .isEqualTo(List.of(row("name", "ada", "points", 3, "weight", 0.5), row("name", "bob", "points", null, "weight", 2.0)));
        assertThat(MemoryConversions.toMemory(t, MemoryFormat.JSON, H))
                .isEqualTo("[{\"name\":\"ada\",\"points\":3,\"weight\":0.5},{\"name\":\"bob\",\"points\":null,\"weight\":2.0}]");
        // object memory keeps what was written: a table stays columnar (a temporary handle holding one)
        assertThat(MemoryConversions.toMemory(t, MemoryFormat.OBJECT, H)).isSameAs(t);
        assertThatThrownBy(() -> MemoryConversions.toMemory(t, MemoryFormat.MATRIX, H))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("handle 'scores'")
                .hasMessageContaining("a Table")
                .hasMessageContaining("matrix (double[][])")
                .hasMessageContaining("column 'name' is string");
    }

    @Test
    void rowsToTableInfersTypes() {
        List<Map<String, Object>> rows = List.of(
                row("i", 1, "l", 1, "d", 1, "s", "x", "b", true, "day", LocalDate.of(2024, 1, 2), "mixed", 1, "ts",
                        Instant.EPOCH, "dec", new BigDecimal("1.5")),
                row("i", 2, "l", 5_000_000_000L, "d", 2.5, "s", null, "b", false, "mixed", "two", "dec", 7L),
                row("i", null, "extra", "late"));
        Table t = MemoryConversions.toTable(rows, H);
        assertThat(t.schema().names()).containsExactly("i", "l", "d", "s", "b", "day", "mixed", "ts", "dec", "extra");
        assertThat(t.schema().fields()).extracting(Field::type).containsExactly(DataType.INT32, DataType.INT64,
                DataType.FLOAT64, DataType.STRING, DataType.BOOLEAN, DataType.DATE, DataType.STRING, DataType.TIMESTAMP,
                DataType.decimal(2, 1), DataType.STRING);
        assertThat(t.get(0, "l")).isEqualTo(1L);
        assertThat(t.get(0, "d")).isEqualTo(1.0);
        assertThat(t.get(0, "mixed")).isEqualTo("1");
        assertThat(t.get(1, "dec")).isEqualTo(new BigDecimal("7.0"));
        assertThat(t.get(1, "day")).isNull();
        assertThat(t.get(2, "extra")).isEqualTo("late");
        assertThat(t.get(0, "extra")).isNull();
    }

    @Test
    void nestedRowsBecomeListsAndStructs() {
        List<Map<String, Object>> rows = List.of(
                row("tags", List.of(1, 2), "pos", row("x", 1, "y", 2.5)),
                row("tags", List.of(3L), "pos", row("x", 4)));
        Table t = MemoryConversions.toTable(rows, H);
        assertThat(t.schema().field(0).type()).isEqualTo(DataType.listOf(DataType.INT64));
        assertThat(t.schema().field(1).type()).isEqualTo(DataType.struct(List.of(Field.of("x", DataType.INT32),
                Field.of("y", DataType.FLOAT64))));
        assertThat(t.get(0, "tags")).isEqualTo(List.of(1L, 2L));
        assertThat(t.get(1, "pos")).isEqualTo(row("x", 4, "y", null));
        Table mixed = MemoryConversions.toTable(List.of(row("v", List.of(1)), row("v", "text")), H);
        assertThat(mixed.get(0, "v")).isEqualTo("[1]");
    }

    @Test
    void jsonToTableRowsAndObjects() {
        String json = "[{\"a\":1,\"b\":\"x\"},{\"a\":2.5,\"c\":true}]";
        Table t = MemoryConversions.toTable(json, H);
        assertThat(t.schema().names()).containsExactly("a", "b", "c");
        assertThat(t.get(0, "a")).isEqualTo(1.0);
        assertThat(t.get(1, "c")).isEqualTo(true);
        assertThat((List<?>) MemoryConversions.convert(json, List.class, H)).hasSize(2);
        assertThat((Map<?, ?>) MemoryConversions.convert("{\"k\":[1,2]}", Map.class, H)).isEqualTo(Map.of("k", List.of(1, 2)));
        assertThat(MemoryConversions.toMemory(json, MemoryFormat.JSON, H)).isEqualTo(json);
        assertThatThrownBy(() -> MemoryConversions.toTable("{\"k\":1}", H))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("handle 'scores'").hasMessageContaining("a JSON string")
                .hasMessageContaining("to Table").hasMessageContaining("an object, not an array of row objects");
        assertThatThrownBy(() -> MemoryConversions.toTable("[1, 2]", H)).hasMessageContaining("element 0 is a number");
        assertThat((List<?>) MemoryConversions.convert("[1, 2]", List.class, H)).isEqualTo(List.of(1, 2));
        assertThat((List<?>) MemoryConversions.convert(List.of("a"), List.class, H)).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> MemoryConversions.convert("{\"a\":1}", List.class, H))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("not an array of row objects");
        assertThatThrownBy(() -> MemoryConversions.toMemory("{not json", MemoryFormat.JSON, H))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void matrixConversions() {
        double[][] m = {{1, 2}, {3, Double.NaN}};
        Table t = MemoryConversions.toTable(m, H);
        assertThat(t.schema().names()).containsExactly("col1", "col2");
        assertThat(t.get(1, "col2")).isNull();
        double[][] back = MemoryConversions.convert(t, double[][].class, H);
        assertThat(back[0]).containsExactly(1, 2);
        assertThat(back[1][1]).isNaN();
        double[][] stored = (double[][]) MemoryConversions.toMemory(m, MemoryFormat.MATRIX, H);
        stored[0][0] = 99;
        assertThat(m[0][0]).isEqualTo(1);
        assertThat(MemoryConversions.toMemory(m, MemoryFormat.ROWS, H)).isEqualTo(List.of(row("col1", 1.0, "col2", 2.0),
                row("col1", 3.0, "col2", null)));
        assertThat(MemoryConversions.convert("[[1,2],[3,null]]", double[][].class, H)[1]).containsExactly(3, Double.NaN);
        Table ints = Table.builder(Schema.of(Field.of("n", DataType.INT64), Field.of("d", DataType.decimal(4, 2))))
                .addRow(5L, new BigDecimal("1.25")).addRow(null, null).build();
        double[][] fromInts = MemoryConversions.convert(ints, double[][].class, H);
        assertThat(fromInts[0]).containsExactly(5, 1.25);
        assertThat(fromInts[1][0]).isNaN();
        assertThatThrownBy(() -> MemoryConversions.toTable(new double[][] {{1}, {1, 2}}, H))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("row 1 has 2 values");
        assertThatThrownBy(() -> MemoryConversions.convert(List.of(row("s", "a")), double[][].class, H))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("rows (List<Map>)").hasMessageContaining("column 's' is string");
        assertThatThrownBy(() -> MemoryConversions.convert("\"text\"", double[][].class, H))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("not tabular");
    }

    @Test
    void pojosAndRecords() {
        List<Score> scores = List.of(new Score("ada", 3, LocalDate.of(2024, 5, 1)), new Score("bob", 4, null));
        Table t = (Table) MemoryConversions.toMemory(scores, MemoryFormat.TABLE, H);
        assertThat(t.schema().names()).containsExactly("name", "points", "day");
        assertThat(t.get(0, "points")).isEqualTo(3);
        assertThat(t.get(0, "day")).isEqualTo("2024-05-01");
        Score[] back = MemoryConversions.convert(table(), Score[].class, H);
        assertThat(back[1].name()).isEqualTo("bob");
        Table dated = Table.builder(Schema.of(Field.of("name", DataType.STRING), Field.of("points", DataType.INT32),
                Field.of("day", DataType.DATE))).addRow("c", 1, LocalDate.of(2020, 2, 2)).build();
        assertThat(MemoryConversions.convert(dated, Score[].class, H)[0].day()).isEqualTo(LocalDate.of(2020, 2, 2));
        Score[] fromJson = MemoryConversions.convert("[{\"name\":\"x\",\"points\":1,\"day\":\"2021-01-01\"}]",
                Score[].class, H);
        assertThat(fromJson[0]).isEqualTo(new Score("x", 1, LocalDate.of(2021, 1, 1)));
        Object obj = new Score("y", 2, null);
        assertThat(MemoryConversions.toMemory(obj, MemoryFormat.OBJECT, H)).isSameAs(obj);
        assertThat(((Map<?, ?>) MemoryConversions.convert(obj, Map.class, H)).get("name")).isEqualTo("y");
        assertThat(MemoryConversions.convert(obj, String.class, H)).isEqualTo("{\"name\":\"y\",\"points\":2,\"day\":null}");
        assertThatThrownBy(() -> MemoryConversions.toTable(obj, H)).isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining(Score.class.getName()).hasMessageContaining("maps to an object");
        assertThatThrownBy(() -> MemoryConversions.convert(table(), Map.class, H))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("to java.util.Map");
    }

    @Test
    void rowsAreCopiedAndRoundTrip() {
        List<Map<String, Object>> rows = new ArrayList<>(List.of(new HashMap<>(Map.of("a", 1))));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stored = (List<Map<String, Object>>) MemoryConversions.toMemory(rows, MemoryFormat.ROWS, H);
        rows.get(0).put("a", 2);
        assertThat(stored.get(0).get("a")).isEqualTo(1);
        Table t = table();
        assertThat(MemoryConversions.toTable(MemoryConversions.toMemory(t, MemoryFormat.ROWS, H), H)).isEqualTo(t);
        assertThat(MemoryConversions.toTable(MemoryConversions.toMemory(t, MemoryFormat.JSON, H), H)).isEqualTo(t);
        assertThat(MemoryConversions.convert(t, Table.class, H)).isSameAs(t);
        assertThat(MemoryConversions.convert(t, Object.class, H)).isSameAs(t);
        assertThat(MemoryConversions.toTable(List.of(), H).columnCount()).isZero();
        assertThat(MemoryConversions.toTable(Arrays.asList(row("a", null)), H).schema().field(0).type())
                .isEqualTo(DataType.STRING);
    }
}
