package org.datahandle.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {
    private static final DataType.Struct POINT = DataType.struct(List.of(Field.of("x", DataType.INT32),
            Field.of("label", DataType.STRING)));

    static final Schema ALL = Schema.of(
            Field.of("b", DataType.BOOLEAN),
            Field.of("i", DataType.INT32),
            Field.of("l", DataType.INT64),
            Field.of("f", DataType.FLOAT32),
            Field.of("d", DataType.FLOAT64),
            Field.of("s", DataType.STRING),
            Field.of("day", DataType.DATE),
            Field.of("ts", DataType.TIMESTAMP),
            Field.of("local", DataType.TIMESTAMP_LOCAL),
            Field.of("dec", DataType.decimal(10, 2)),
            Field.of("bin", DataType.BINARY),
            Field.of("list", DataType.listOf(DataType.INT64)),
            Field.of("point", POINT));

    static Table allTypes() {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("x", 3);
        point.put("label", "drei");
        return Table.builder(ALL)
                .addRow(true, 1, 10L, 1.5f, 2.25, "héllo 𝄞", LocalDate.of(2024, 2, 29),
                        Instant.parse("2024-01-01T12:00:00.123456Z"), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
                        new BigDecimal("12.34"), new byte[] {1, 2, 3}, List.of(1L, 2L), point)
                .addRow(null, null, null, null, null, null, null, null, null, null, null, null, null)
                .addRow(false, -7, Long.MIN_VALUE, Float.NaN, -0.0, "", LocalDate.of(1900, 1, 1),
                        Instant.parse("1960-06-01T00:00:00Z"), LocalDateTime.of(2100, 1, 1, 0, 0), new BigDecimal("-0.5"),
                        new byte[0], Arrays.asList(null, 5L), Map.of("x", -1))
                .build();
    }

    @Test
    void boxesEveryTypeAndKeepsNulls() {
        Table t = allTypes();
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.columnCount()).isEqualTo(13);
        assertThat(t.get(0, "b")).isEqualTo(true);
        assertThat(t.get(0, "i")).isEqualTo(1);
        assertThat(t.get(0, "l")).isEqualTo(10L);
        assertThat(t.get(0, "f")).isEqualTo(1.5f);
        assertThat(t.get(0, "d")).isEqualTo(2.25);
        assertThat(t.get(0, "s")).isEqualTo("héllo 𝄞");
        assertThat(t.get(0, "day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(t.get(0, "ts")).isEqualTo(Instant.parse("2024-01-01T12:00:00.123456Z"));
        assertThat(t.get(0, "local")).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(t.get(0, "dec")).isEqualTo(new BigDecimal("12.34"));
        assertThat((byte[]) t.get(0, "bin")).containsExactly(1, 2, 3);
        assertThat(t.get(0, "list")).isEqualTo(List.of(1L, 2L));
        assertThat(t.get(0, "point")).isInstanceOf(LinkedHashMap.class).isEqualTo(Map.of("x", 3, "label", "drei"));
        for (int c = 0; c < t.columnCount(); c++) {
            assertThat(t.isNull(1, c)).as("column %s", c).isTrue();
            assertThat(t.get(1, c)).isNull();
            assertThat(t.isNull(0, c)).isFalse();
        }
        assertThat(t.get(2, "d")).isEqualTo(-0.0);
        assertThat((Float) t.get(2, "f")).isNaN();
        assertThat(t.get(2, "s")).isEqualTo("");
        assertThat(t.isNull(2, 5)).isFalse();
        assertThat(t.get(2, "dec")).isEqualTo(new BigDecimal("-0.50"));
        assertThat(t.get(2, "list")).isEqualTo(Arrays.asList(null, 5L));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("x", -1);
        expected.put("label", null);
        assertThat(t.get(2, "point")).isEqualTo(expected);
        assertThat(t.get(2, "ts")).isEqualTo(Instant.parse("1960-06-01T00:00:00Z"));
    }

    @Test
    void typedGettersDoNotBox() {
        Table t = allTypes();
        assertThat(((BooleanColumn) t.column("b")).getBoolean(0)).isTrue();
        assertThat(((IntColumn) t.column("i")).getInt(2)).isEqualTo(-7);
        assertThat(((IntColumn) t.column("day")).getInt(0)).isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(((LongColumn) t.column("l")).getLong(2)).isEqualTo(Long.MIN_VALUE);
        assertThat(((LongColumn) t.column("ts")).getLong(0)).isEqualTo(1704110400123456L);
        assertThat(((FloatColumn) t.column("f")).getFloat(0)).isEqualTo(1.5f);
        assertThat(((DoubleColumn) t.column("d")).getDouble(0)).isEqualTo(2.25);
        StringColumn s = (StringColumn) t.column("s");
        assertThat(s.getString(0)).isEqualTo("héllo 𝄞");
        assertThat(s.utf8Length(0)).isEqualTo("héllo 𝄞".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(((DecimalColumn) t.column("dec")).getUnscaled(0)).isEqualTo(1234);
        assertThat(((BinaryColumn) t.column("bin")).length(0)).isEqualTo(3);
        ListColumn list = (ListColumn) t.column("list");
        assertThat(list.length(0)).isEqualTo(2);
        assertThat(list.length(1)).isZero();
        assertThat(list.elements().size()).isEqualTo(4);
        assertThat(((StructColumn) t.column("point")).field(0).get(0)).isEqualTo(3);
        assertThat(t.column(5)).isSameAs(s);
    }

    @Test
    void emptyTable() {
        Table t = Table.empty(ALL);
        assertThat(t.rowCount()).isZero();
        assertThat(t.columnCount()).isEqualTo(13);
        assertThat(t.toRows()).isEmpty();
        assertThat(t).isEqualTo(Table.builder(ALL).build());
        assertThat(t.slice(0, 0)).isEqualTo(t);
        assertThat(Table.concat(ALL, List.of())).isEqualTo(t);
        assertThat(t.toString()).startsWith("Table[0 rows x 13 columns]");
    }

    @Test
    void sliceAndConcat() {
        Table t = allTypes();
        Table first = t.slice(0, 1);
        Table rest = t.slice(1, 3);
        assertThat(first.rowCount()).isEqualTo(1);
        assertThat(rest.rowCount()).isEqualTo(2);
        assertThat(rest.get(0, "s")).isNull();
        assertThat(rest.get(1, "list")).isEqualTo(Arrays.asList(null, 5L));
        assertThat(Table.concat(ALL, List.of(first, rest))).isEqualTo(t);
        assertThat(Table.concat(ALL, List.of(rest, first)).get(2, "s")).isEqualTo("héllo 𝄞");
        assertThatThrownBy(() -> t.slice(2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void concatRequiresTheSameSchema() {
        Schema other = Schema.of(Field.of("x", DataType.INT32));
        Table t = Table.builder(other).addRow(1).build();
        assertThatThrownBy(() -> Table.concat(ALL, List.of(allTypes(), t)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table 1 has schema [x: int32]");
    }

    @Test
    void equalityIsBySchemaAndCells() {
        assertThat(allTypes()).isEqualTo(allTypes()).hasSameHashCodeAs(allTypes());
        Schema s = Schema.of(Field.of("a", DataType.STRING));
        assertThat(Table.builder(s).addRow("x").build()).isNotEqualTo(Table.builder(s).addRow("y").build());
        assertThat(Table.builder(s).addRow((Object) null).build()).isNotEqualTo(Table.builder(s).addRow("").build());
        Schema renamed = Schema.of(Field.of("b", DataType.STRING));
        assertThat(Table.builder(s).addRow("x").build()).isNotEqualTo(Table.builder(renamed).addRow("x").build());
        Schema bin = Schema.of(Field.of("b", DataType.BINARY));
        assertThat(Table.builder(bin).addRow(new byte[] {1}).build()).isEqualTo(Table.builder(bin).addRow(new byte[] {1}).build());
    }

    @Test
    void widensBoxedValues() {
        Schema s = Schema.of(Field.of("l", DataType.INT64), Field.of("d", DataType.FLOAT64),
                Field.of("dec", DataType.decimal(5, 1)));
        Table t = Table.builder(s).addRow(7, 3, 12L).addRow((short) 1, 1.5f, 7).build();
        assertThat(t.get(0, "l")).isEqualTo(7L);
        assertThat(t.get(0, "d")).isEqualTo(3.0);
        assertThat(t.get(0, "dec")).isEqualTo(new BigDecimal("12.0"));
        assertThat(t.get(1, "d")).isEqualTo(1.5);
    }

    @Test
    void rejectsWrongValuesNamingRowAndColumn() {
        Schema s = Schema.of(Field.of("n", DataType.INT32), Field.of("dec", DataType.decimal(4, 2)));
        assertThatThrownBy(() -> Table.builder(s).addRow("7", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0, column 'n'").hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> Table.builder(s).addRow(7L, null)).hasMessageContaining("Integer");
        assertThatThrownBy(() -> Table.builder(s).addRow(1, new BigDecimal("1.234"))).hasMessageContaining("2 digits after");
        assertThatThrownBy(() -> Table.builder(s).addRow(1, new BigDecimal("123.4"))).hasMessageContaining("4 digits");
        assertThatThrownBy(() -> Table.builder(s).addRow(1)).hasMessageContaining("1 values but the schema has 2");
        Table.Builder b = Table.builder(s);
        assertThatThrownBy(() -> b.addRow(1, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("column 'dec'");
        Schema notNull = Schema.of(new Field("id", DataType.INT32, false));
        assertThatThrownBy(() -> Table.builder(notNull).addRow((Object) null)).hasMessageContaining("not nullable");
    }

    @Test
    void namedRowsAndToRows() {
        Schema s = Schema.of(Field.of("a", DataType.INT32), Field.of("b", DataType.STRING));
        Table t = Table.builder(s).addNamedRow(Map.of("b", "x")).addNamedRow(Map.of("a", 1, "b", "y")).build();
        List<Map<String, Object>> rows = t.toRows();
        assertThat(rows.get(0).keySet()).containsExactly("a", "b");
        assertThat(rows.get(0).get("a")).isNull();
        assertThat(rows.get(0).get("b")).isEqualTo("x");
        assertThat(rows.get(1)).containsExactly(Map.entry("a", 1), Map.entry("b", "y"));
        assertThatThrownBy(() -> Table.builder(s).addNamedRow(Map.of("c", 1)))
                .hasMessageContaining("'c' that is not a column");
    }

    @Test
    void unknownColumnNamesTheColumns() {
        assertThatThrownBy(() -> allTypes().get(0, "nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column 'nope'").hasMessageContaining("[b, i, l");
        assertThatThrownBy(() -> allTypes().column("nope")).hasMessageContaining("no column 'nope'");
    }

    @Test
    void ofChecksColumns() {
        Schema s = Schema.of(Field.of("a", DataType.INT32), Field.of("b", DataType.INT64));
        Column a = Column.of(DataType.INT32, 1, 2);
        assertThat(Table.of(s, List.of(a, Column.of(DataType.INT64, 3L, null))).get(1, "b")).isNull();
        assertThatThrownBy(() -> Table.of(s, List.of(a, Column.of(DataType.INT64, 3L))))
                .hasMessageContaining("column 'b' has 1 rows");
        assertThatThrownBy(() -> Table.of(s, List.of(a, a))).hasMessageContaining("'b' is int64 in the schema");
        assertThatThrownBy(() -> Table.of(s, List.of(a))).hasMessageContaining("2 fields but 1 columns");
    }

    @Test
    void toStringShowsAHeaderAndFirstRows() {
        String text = allTypes().toString();
        assertThat(text).startsWith("Table[3 rows x 13 columns]").contains("s:string").contains("héllo 𝄞")
                .contains("| null").contains("0x010203");
        Schema s = Schema.of(Field.of("n", DataType.INT32));
        Table.Builder b = Table.builder(s);
        for (int i = 0; i < 25; i++) {
            b.addRow(i);
        }
        assertThat(b.build().toString()).contains("| 9 ").doesNotContain("| 10 ").endsWith("... 15 more rows");
    }

    @Test
    void heapBytesStayNearTheRawColumnBytes() {
        Schema s = Schema.of(Field.of("id", DataType.INT64), Field.of("name", DataType.STRING),
                Field.of("x", DataType.FLOAT64));
        Table.Builder b = Table.builder(s);
        long raw = 0;
        for (int i = 0; i < 10_000; i++) {
            String name = "name-" + i;
            b.addRow((long) i, name, i * 0.5);
            raw += 8 + name.length() + 8;
        }
        Table t = b.build();
        assertThat(t.heapBytes()).isGreaterThanOrEqualTo(raw).isLessThan((long) (raw * 1.3));
    }
}
