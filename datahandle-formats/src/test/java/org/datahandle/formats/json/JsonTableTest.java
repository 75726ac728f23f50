package org.datahandle.formats.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.formats.json.JsonFiles.json;
import static org.datahandle.formats.json.JsonFiles.jsonl;
import static org.datahandle.formats.json.JsonFiles.read;
import static org.datahandle.formats.json.JsonFiles.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.DataFormatException;
import org.datahandle.spi.Codec;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables as a top-level JSON array of row objects: inference, options, and round trips through the writer. */
class JsonTableTest {
    @TempDir
    Path dir;

    private JsonFiles files;

    private JsonFiles files() {
        if (files == null) {
            files = new JsonFiles(dir);
        }
        return files;
    }

    private static final Schema ALL_SCALARS = Schema.of(
            Field.of("b", DataType.BOOLEAN), Field.of("i", DataType.INT32), Field.of("l", DataType.INT64),
            Field.of("f", DataType.FLOAT32), Field.of("d", DataType.FLOAT64), Field.of("s", DataType.STRING),
            Field.of("day", DataType.DATE), Field.of("ts", DataType.TIMESTAMP),
            Field.of("local", DataType.TIMESTAMP_LOCAL), Field.of("price", DataType.decimal(30, 4)),
            Field.of("bytes", DataType.BINARY));

    /** The schema option that gives back the types JSON itself cannot carry. */
    private static Map<String, Object> allScalarsOption() {
        Map<String, Object> schema = new LinkedHashMap<>();
        for (Field f : ALL_SCALARS.fields()) {
            schema.put(f.name(), f.type().typeName());
        }
        return schema;
    }

    private static Table allScalars() {
        return Table.builder(ALL_SCALARS)
                .addRow(true, 1, 1L, 1.5f, 0.1, "plain", LocalDate.of(2024, 2, 29), Instant.parse("2024-01-01T10:00:00Z"),
                        LocalDateTime.parse("2024-01-01T10:00:00.123456"), new BigDecimal("12345678901234567890.1234"),
                        new byte[] {0, 1, (byte) 0xff})
                .addRow(null, null, null, null, null, null, null, null, null, null, null)
                .addRow(false, Integer.MIN_VALUE, Long.MAX_VALUE, -0.25f, -1e300, "ünïcødé ✓ 𝄞 \"quoted\"\n\ttab\\",
                        LocalDate.of(1900, 1, 1), Instant.parse("1969-12-31T23:59:59.999999Z"),
                        LocalDateTime.parse("2000-01-01T00:00"), new BigDecimal("-0.0001"), new byte[0])
                .addRow(false, 0, Long.MIN_VALUE, Float.NaN, Double.POSITIVE_INFINITY, "", null, null, null, null, null)
                .build();
    }

    @Test
    void everyScalarTypeRoundTripsWithNullsAndUnicode() throws IOException {
        Codec codec = json("schema", allScalarsOption());
        Table t = allScalars();
        Path p = files().write(codec, ".json", t);
        assertThat(read(codec, p)).isEqualTo(t);
        Path pretty = files().write(json("schema", allScalarsOption(), "pretty", true), ".json", t);
        assertThat(text(pretty)).startsWith("[ {\n  \"b\" : true,\n").contains("\"s\" : \"plain\"");
        assertThat(read(codec, pretty)).isEqualTo(t);
    }

    @Test
    void writerUsesIsoTextBase64AndPlainNumbersWithARowPerLine() throws IOException {
        Path p = files().write(json(), ".json", allScalars().slice(0, 2));
        assertThat(text(p)).isEqualTo("[\n"
                + "{\"b\":true,\"i\":1,\"l\":1,\"f\":1.5,\"d\":0.1,\"s\":\"plain\",\"day\":\"2024-02-29\","
                + "\"ts\":\"2024-01-01T10:00:00Z\",\"local\":\"2024-01-01T10:00:00.123456\","
                + "\"price\":12345678901234567890.1234,\"bytes\":\"AAH/\"},\n"
                + "{\"b\":null,\"i\":null,\"l\":null,\"f\":null,\"d\":null,\"s\":null,\"day\":null,\"ts\":null,"
                + "\"local\":null,\"price\":null,\"bytes\":null}\n"
                + "]\n");
    }

    @Test
    void withoutASchemaTypesAreWhatJsonCarries() throws IOException {
        Table back = read(json(), files().write(json(), ".json", allScalars()));
        assertThat(back.schema().fields()).extracting(f -> f.type().typeName()).containsExactly("boolean", "int32",
                "int64", "float64", "float64", "string", "string", "string", "string", "float64", "string");
        assertThat(back.get(0, "day")).isEqualTo("2024-02-29");
        assertThat(back.get(0, "bytes")).isEqualTo("AAH/");
        assertThat(back.get(3, "f")).isEqualTo(Double.NaN);
        assertThat(back.get(3, "d")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void nestedListsAndStructsRoundTrip() throws IOException {
        DataType point = DataType.struct(List.of(Field.of("x", DataType.INT32), Field.of("tags",
                DataType.listOf(DataType.STRING))));
        Schema schema = Schema.of(Field.of("id", DataType.INT32), Field.of("scores", DataType.listOf(DataType.FLOAT64)),
                Field.of("p", point), Field.of("matrix", DataType.listOf(DataType.listOf(DataType.INT64))));
        Map<String, Object> p1 = new LinkedHashMap<>();
        p1.put("x", 7);
        p1.put("tags", Arrays.asList("a", null, "ü"));
        Map<String, Object> p2 = new LinkedHashMap<>();
        p2.put("x", null);
        p2.put("tags", List.of());
        Table t = Table.builder(schema)
                .addRow(1, List.of(1.5, 2.0), p1, List.of(List.of(1L, 2L), List.of()))
                .addRow(2, Arrays.asList(null, 3.25), p2, null)
                .addRow(3, null, null, List.of(List.of(9_000_000_000L)))
                .build();
        // Every type here is what inference finds, so no schema option is needed to get the table back.
        assertThat(read(json(), files().write(json(), ".json", t))).isEqualTo(t);
        assertThat(read(jsonl(), files().write(jsonl(), ".jsonl", t))).isEqualTo(t);
    }

    @Test
    void infersAcrossRowsWithFirstAppearanceOrderAndMissingKeysAsNull() throws IOException {
        Table t = read(json(), files().file(".json", """
                [{"a": 1, "b": "x"},
                 {"c": true, "a": 5000000000},
                 {"b": null, "a": 2.5, "d": [1, 2], "e": {"k": 1}},
                 {"d": [1.5], "e": {"j": "y"}, "mixed": 1},
                 {"mixed": "two"}, {"mixed": [3]}, {"mixed": {"n": null}}, {"nulls": null}]
                """));
        assertThat(t.schema().names()).containsExactly("a", "b", "c", "d", "e", "mixed", "nulls");
        assertThat(t.schema().field("a").orElseThrow().type()).isEqualTo(DataType.FLOAT64);
        assertThat(t.schema().field("d").orElseThrow().type()).isEqualTo(DataType.listOf(DataType.FLOAT64));
        assertThat(t.schema().field("e").orElseThrow().type()).isEqualTo(DataType.struct(List.of(
                Field.of("k", DataType.INT32), Field.of("j", DataType.STRING))));
        assertThat(t.schema().field("mixed").orElseThrow().type()).isEqualTo(DataType.STRING);
        assertThat(t.schema().field("nulls").orElseThrow().type()).isEqualTo(DataType.STRING);
        assertThat(t.rowCount()).isEqualTo(8);
        assertThat(t.get(1, "a")).isEqualTo(5e9);
        assertThat(t.get(0, "c")).isNull();
        assertThat(t.get(1, "c")).isEqualTo(true);
        Map<String, Object> e3 = new LinkedHashMap<>();
        e3.put("k", null);
        e3.put("j", "y");
        assertThat(t.get(3, "e")).isEqualTo(e3);
        assertThat(List.of(t.get(3, "mixed"), t.get(4, "mixed"), t.get(5, "mixed"), t.get(6, "mixed")))
                .containsExactly("1", "two", "[3]", "{\"n\":null}");
    }

    @Test
    void integersWidenAndHugeNumbersStayText() throws IOException {
        Table t = read(json(), files().file(".json", """
                [{"i": 1, "l": 1, "big": 1, "exact": 0.1},
                 {"i": -2147483648, "l": 9223372036854775807, "big": 18446744073709551615,
                  "exact": 3.141592653589793238462643383279}]
                """));
        assertThat(t.schema().fields()).extracting(f -> f.type().typeName())
                .containsExactly("int32", "int64", "string", "float64");
        assertThat(t.get(1, "l")).isEqualTo(Long.MAX_VALUE);
        assertThat(t.get(1, "big")).isEqualTo("18446744073709551615");
        assertThat(t.get(0, "big")).isEqualTo("1");
        assertThat(t.get(1, "exact")).isEqualTo(Math.PI);
    }

    @Test
    void schemaOptionOverridesInferenceParsesTextAndAddsMissingColumns() throws IOException {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("id", "string");
        schema.put("n", "int64");
        schema.put("when", "date");
        schema.put("later", "float64");
        Table t = read(json("schema", schema), files().file(".json", """
                [{"id": 7, "n": "42", "when": "2024-03-01", "other": 1},
                 {"id": "x", "n": 5, "when": null}]
                """));
        assertThat(t.schema()).isEqualTo(Schema.of(Field.of("id", DataType.STRING), Field.of("n", DataType.INT64),
                Field.of("when", DataType.DATE), Field.of("other", DataType.INT32), Field.of("later", DataType.FLOAT64)));
        assertThat(t.toRows().get(0)).containsEntry("id", "7").containsEntry("n", 42L)
                .containsEntry("when", LocalDate.of(2024, 3, 1)).containsEntry("later", null);
    }

    @Test
    void declaredDecimalsAreReadExactlyNeverThroughADouble() throws IOException {
        Table t = read(json("schema", Map.of("amount", "decimal(30,2)")), files().file(".json", """
                [{"amount": 8.41e21}, {"amount": 1234567890123456789012.34}, {"amount": "0.10"}, {"amount": 7}]
                """));
        assertThat(t.toRows()).extracting(r -> r.get("amount")).containsExactly(new BigDecimal("8410000000000000000000.00"),
                new BigDecimal("1234567890123456789012.34"), new BigDecimal("0.10"), new BigDecimal("7.00"));
    }

    @Test
    void schemaOptionMisfitNamesRowColumnAndValue() throws IOException {
        Path p = files().file(".json", "[{\"n\": 1},\n{\"n\": \"many\"}]");
        assertThatThrownBy(() -> read(json("schema", Map.of("n", "int64")), p))
                .isInstanceOfSatisfying(DataFormatException.class, e -> {
                    assertThat(e.getMessage()).contains("handle 'events'").contains(p.toString())
                            .contains("column 'n': expected int64, found a string \"many\"");
                    assertThat(e.line()).hasValue(2);
                    assertThat(e.byteOffset()).hasValue(11);
                });
    }

    @Test
    void inferTypesFalseKeepsEveryScalarAsItsText() throws IOException {
        Table t = read(json("inferTypes", "false"), files().file(".json", """
                [{"n": 1.50, "b": true, "s": "x", "l": [1, 2.0], "o": {"k": 75e-1}}]
                """));
        assertThat(t.schema().fields()).extracting(f -> f.type().typeName()).containsExactly("string", "string",
                "string", "list<string>", "struct<k:string>");
        assertThat(t.toRows().get(0)).containsEntry("n", "1.50").containsEntry("b", "true")
                .containsEntry("l", List.of("1", "2.0")).containsEntry("o", Map.of("k", "75e-1"));
    }

    @Test
    void emptyArrayIsATableWithNoRowsAndOneRowWorks() throws IOException {
        Table empty = read(json(), files().file(".json", "[]"));
        assertThat(empty.rowCount()).isZero();
        assertThat(empty.schema().size()).isZero();
        Table declared = read(json("schema", Map.of("a", "int64")), files().file(".json", " [ ] \n"));
        assertThat(declared.schema()).isEqualTo(Schema.of(Field.of("a", DataType.INT64)));
        assertThat(text(files().write(json(), ".json", Table.empty(Schema.of(Field.of("a", DataType.INT64))))))
                .isEqualTo("[]\n");

        Table one = Table.builder(Schema.of(Field.of("a", DataType.INT32))).addRow(1).build();
        Path p = files().write(json(), ".json", one);
        assertThat(text(p)).isEqualTo("[\n{\"a\":1}\n]\n");
        assertThat(read(json(), p)).isEqualTo(one);
    }

    @Test
    void partsAreOneTableWithTypesUnifiedAcrossThem() throws IOException {
        Path a = files().file(".json", "[{\"id\": 1, \"v\": 1}]");
        Path b = files().file(".json", "[{\"id\": 2, \"v\": \"text\", \"w\": true}]");
        Table t = read(json(), a, b);
        assertThat(t.schema().fields()).extracting(f -> f.name() + ":" + f.type().typeName())
                .containsExactly("id:int32", "v:string", "w:boolean");
        assertThat(t.toRows()).extracting(r -> r.get("v")).containsExactly("1", "text");
        assertThat(t.get(0, "w")).isNull();
    }

    @Test
    void severalBatchesToOneWriterMakeOneArray() throws IOException {
        Table t = Table.builder(Schema.of(Field.of("a", DataType.INT64))).addRow(1L).addRow(2L).build();
        Path p = files().write(json(), ".json", t, t.slice(0, 1));
        assertThat(read(json(), p).toRows()).extracting(r -> r.get("a")).containsExactly(1, 2, 1);
    }

    @Test
    void topLevelValueThatIsNotAnArrayOfObjectsSaysWhatItIs() throws IOException {
        Path object = files().file(".json", "{\"a\": 1}");
        assertThatThrownBy(() -> read(json(), object)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("handle 'events'").hasMessageContaining(object.toString())
                .hasMessageContaining("the top-level JSON value is an object, not an array of row objects")
                .hasMessageContaining("memory: {format: object}");
        Path numbers = files().file(".json", "[\n{\"a\": 1},\n 2]");
        assertThatThrownBy(() -> read(json(), numbers)).isInstanceOfSatisfying(DataFormatException.class, e -> {
            assertThat(e.getMessage()).contains("element 2 of the top-level array is a number, not a row object");
            assertThat(e.line()).hasValue(3);
        });
        Path two = files().file(".json", "[{\"a\": 1}]\n[{\"a\": 2}]\n");
        assertThatThrownBy(() -> read(json(), two)).isInstanceOfSatisfying(DataFormatException.class, e -> {
            assertThat(e.getMessage()).contains("found an array after the top-level array").contains("jsonl");
            assertThat(e.line()).hasValue(2);
        });
        assertThatThrownBy(() -> read(json(), files().file(".json", ""))).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("the file is empty");
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> json("delimiter", ",")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option 'delimiter'").hasMessageContaining("[inferTypes, pretty, schema]");
        assertThatThrownBy(() -> jsonl("pretty", true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option 'pretty'");
        assertThatThrownBy(() -> json("pretty", "yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option 'pretty' must be true or false");
        assertThatThrownBy(() -> json("schema", Map.of("a", "int128"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown type 'int128' for column 'a'");
        assertThatThrownBy(() -> json("schema", "a:int")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option 'schema' must be a map");
        assertThat(new JsonCodecFactory().optionNames()).containsExactlyInAnyOrder("schema", "inferTypes", "pretty");
    }
}
