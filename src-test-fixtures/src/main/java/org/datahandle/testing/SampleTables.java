package org.datahandle.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Tables that stress a codec: every type with its extremes, text that needs quoting or escaping in any
 * text format, unicode beyond the BMP and combining marks, empty strings next to nulls.
 *
 * <p>Each column is a repeating cycle of its sample values followed by one null, so every sample value
 * appears in every stretch of {@code samples + 1} rows, and a codec that infers types from a prefix of
 * the data sees every kind of value.
 */
public final class SampleTables {
    /** Every scalar type a table can hold. */
    public static final List<DataType> SCALAR_TYPES = List.of(DataType.BOOLEAN, DataType.INT32, DataType.INT64,
            DataType.FLOAT32, DataType.FLOAT64, DataType.STRING, DataType.DATE, DataType.TIMESTAMP,
            DataType.TIMESTAMP_LOCAL, new DataType.Decimal(12, 2), DataType.BINARY);

    /** Nested types as Parquet files from Spark carry them. */
    public static final List<DataType> NESTED_TYPES = List.of(new DataType.ListOf(DataType.INT64),
            new DataType.ListOf(DataType.STRING),
            new DataType.Struct(List.of(Field.of("id", DataType.INT32), Field.of("name", DataType.STRING))));

    /** Text a codec must keep exactly: quoting, escapes, line breaks, unicode, look-alikes of other types. */
    public static final List<String> STRINGS = List.of(
            "plain",
            "",
            "漢字とかな",                        // CJK
            "🧬 genome 👩‍🔬",                    // outside the BMP, with a zero-width joiner sequence
            "e\u0301 combining, a\u0308",        // combining marks, not precomposed
            "שלום",                              // right to left
            "comma, inside",
            "quote \" inside \"\"twice\"\"",
            "line\nbreak",
            "crlf\r\nbreak and lone\rcr",
            "tab\tinside",
            "  edge spaces  ",
            "08123",
            "null",
            "NULL",
            "back\\slash",
            "{\"json\": [1, 2]}");

    private SampleTables() {}

    /** The sample values of {@code type}, none of them null. */
    public static List<Object> values(DataType type) {
        if (type == DataType.BOOLEAN) {
            return List.of(true, false);
        }
        if (type == DataType.INT32) {
            return List.of(0, 1, -1, 42, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == DataType.INT64) {
            return List.of(0L, -1L, 7L, 1L << 40, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == DataType.FLOAT32) {
            return List.of(0f, 1.5f, -2.25f, 0.1f, Float.MAX_VALUE, Float.MIN_VALUE);
        }
        if (type == DataType.FLOAT64) {
            return List.of(0.0, 1.5, -0.25, 0.1, -0.0, 1e-7, 123456789.125, Double.MAX_VALUE, Double.MIN_VALUE);
        }
        if (type == DataType.STRING) {
            return List.copyOf(STRINGS);
        }
        if (type == DataType.DATE) {
            return List.of(LocalDate.of(1970, 1, 1), LocalDate.of(2024, 2, 29), LocalDate.of(1, 1, 1),
                    LocalDate.of(9999, 12, 31), LocalDate.of(1969, 12, 31));
        }
        if (type == DataType.TIMESTAMP) {
            return List.of(Instant.EPOCH, Instant.parse("2024-02-29T12:34:56.123456Z"),
                    Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("2000-01-01T00:00:00.5Z"));
        }
        if (type == DataType.TIMESTAMP_LOCAL) {
            return List.of(LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000),
                    LocalDateTime.of(1899, 12, 31, 23, 59, 59));
        }
        if (type instanceof DataType.Decimal d) {
            return List.of(new BigDecimal("0").setScale(d.scale()), new BigDecimal("1.5").setScale(d.scale()),
                    new BigDecimal("-0.01").setScale(d.scale()),
                    new BigDecimal("9".repeat(d.precision() - d.scale())).setScale(d.scale()));
        }
        if (type == DataType.BINARY) {
            return List.of(new byte[0], new byte[] {0, 1, 2, (byte) 0xff, (byte) 0x80}, "héllo".getBytes(UTF_8));
        }
        if (type instanceof DataType.ListOf list) {
            List<Object> elements = values(list.element());
            return List.of(List.of(elements.get(0), elements.get(1)), List.of(), Arrays.asList(null, elements.get(2)));
        }
        if (type instanceof DataType.Struct struct) {
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Field f : struct.fields()) {
                    List<Object> v = values(f.type());
                    row.put(f.name(), i == 2 && f.type() == DataType.STRING ? null : v.get(i % v.size()));
                }
                rows.add(row);
            }
            return rows;
        }
        throw new IllegalArgumentException("no sample values for " + type.typeName());
    }

    /** Cell {@code row} of a column of {@code type}: the samples in a cycle, each cycle ending in a null. */
    public static Object cell(DataType type, int row) {
        List<Object> v = values(type);
        int p = row % (v.size() + 1);
        return p == v.size() ? null : v.get(p);
    }

    /** One column per type, named after it ({@code c0_int64}), {@code rows} rows of {@link #cell}. */
    public static Table ofTypes(List<DataType> types, int rows) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            fields.add(Field.of("c" + i + "_" + types.get(i).typeName().replaceAll("[^a-z0-9]+", "_"), types.get(i)));
        }
        Schema schema = Schema.of(fields);
        Table.Builder b = Table.builder(schema, rows);
        Object[] row = new Object[types.size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < types.size(); c++) {
                row[c] = cell(types.get(c), r);
            }
            b.addRow(row);
        }
        return b.build();
    }

    /** Rows that are long to write and quick to check: ids beyond int32, text, fractions, dates, some nulls. */
    public static Table manyRows(int from, int to) {
        Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.of("name", DataType.STRING),
                Field.of("score", DataType.FLOAT64), Field.of("day", DataType.DATE));
        Table.Builder b = Table.builder(schema, to - from);
        LocalDate start = LocalDate.of(2000, 1, 1);
        for (int i = from; i < to; i++) {
            b.addRow(3_000_000_000L + i, i % 1000 == 999 ? null : "row-" + i + (i % 3 == 0 ? ", ü" : ""),
                    i * 0.5 + 0.25, start.plusDays(i % 10_000));
        }
        return b.build();
    }
}
