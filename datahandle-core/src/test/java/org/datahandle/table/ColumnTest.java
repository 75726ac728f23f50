package org.datahandle.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnTest {

    @Test
    void builderFactoryPicksThePhysicalKind() {
        assertThat(Column.builder(DataType.BOOLEAN).build()).isInstanceOf(BooleanColumn.class);
        assertThat(Column.builder(DataType.DATE).build()).isInstanceOf(IntColumn.class);
        assertThat(Column.builder(DataType.TIMESTAMP_LOCAL).build()).isInstanceOf(LongColumn.class);
        assertThat(Column.builder(DataType.FLOAT32).build()).isInstanceOf(FloatColumn.class);
        assertThat(Column.builder(DataType.BINARY).build()).isInstanceOf(BinaryColumn.class);
        assertThat(Column.builder(DataType.decimal(30, 3)).build()).isInstanceOf(DecimalColumn.class);
        assertThat(Column.builder(DataType.listOf(DataType.STRING)).build()).isInstanceOf(ListColumn.class);
    }

    @Test
    void bulkAppendsBuildWhatOneByOneAppendsBuild() {
        DataType.ListOf type = DataType.listOf(DataType.struct(List.of(Field.of("GT", DataType.listOf(DataType.INT32)),
                Field.of("phased", DataType.BOOLEAN))));
        ListColumn.Builder oneByOne = ListColumn.builder(type, 1);
        ListColumn.Builder bulk = ListColumn.builder(type, 1);
        int calls = 150; // across several 64-bit words of the phased bits, starting mid-word the second time
        int[] alleles = new int[2 * calls];
        boolean[] phased = new boolean[calls];
        for (int i = 0; i < calls; i++) {
            alleles[2 * i] = i % 3;
            alleles[2 * i + 1] = i % 5;
            phased[i] = i % 7 != 0;
        }
        for (int row = 0; row < 2; row++) {
            StructColumn.Builder s = (StructColumn.Builder) oneByOne.elements();
            ListColumn.Builder gt = (ListColumn.Builder) s.field(0);
            for (int i = 0; i < calls; i++) {
                ((IntColumn.Builder) gt.elements()).append(alleles[2 * i]).append(alleles[2 * i + 1]);
                gt.endList();
                ((BooleanColumn.Builder) s.field(1)).append(phased[i]);
                s.endStruct();
            }
            oneByOne.endList();
            StructColumn.Builder sb = (StructColumn.Builder) bulk.elements();
            ListColumn.Builder gtb = (ListColumn.Builder) sb.field(0);
            int half = row == 0 ? calls : 37;
            // the second row in two runs, so the bits start mid-word
            ((IntColumn.Builder) gtb.elements()).append(alleles, 0, 2 * half);
            gtb.endLists(half, 2);
            ((BooleanColumn.Builder) sb.field(1)).append(phased, 0, half);
            sb.endStructs(half);
            if (half < calls) {
                ((IntColumn.Builder) gtb.elements()).append(alleles, 2 * half, 2 * calls);
                gtb.endLists(calls - half, 2);
                ((BooleanColumn.Builder) sb.field(1)).append(phased, half, calls);
                sb.endStructs(calls - half);
            }
            bulk.endList();
        }
        ListColumn expected = oneByOne.build();
        ListColumn actual = bulk.build();
        assertThat(actual.size()).isEqualTo(2);
        for (int row = 0; row < 2; row++) {
            assertThat(actual.get(row)).isEqualTo(expected.get(row));
        }
    }

    @Test
    void ensureCapacitySizesExactlyAndKeepsTheValues() {
        ListColumn.Builder list = ListColumn.builder(DataType.listOf(DataType.INT32), 1);
        IntColumn.Builder ints = (IntColumn.Builder) list.elements();
        ints.append(7);
        list.endList();
        list.ensureCapacity(3);
        ints.ensureCapacity(5).append(new int[] {1, 2, 3, 4}, 0, 4);
        list.endLists(2, 2);
        ListColumn c = list.build();
        assertThat(c.get(0)).isEqualTo(List.of(7));
        assertThat(c.get(2)).isEqualTo(List.of(3, 4));
        // exactly sized: no slack left in the offsets (4 ints) or the values (5 ints)
        assertThat(c.heapBytes()).isEqualTo(40 + 16 + 4 * 4 + c.elements().heapBytes());
        BooleanColumn.Builder bools = BooleanColumn.builder(1).ensureCapacity(130);
        bools.append(new boolean[130], 0, 130);
        assertThat(bools.build().size()).isEqualTo(130);
        assertThatThrownBy(() -> IntColumn.builder(DataType.INT32, 1).ensureCapacity(-1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("too large");
    }

    @Test
    void repeatedBooleansMatchOneByOneAppendsAcrossWords() {
        // runs that start mid-word, fill whole words and end mid-word, true and false mixed
        int[][] runs = {{1, 3}, {0, 70}, {1, 200}, {0, 1}, {1, 64}, {1, 5}, {0, 130}, {1, 1}};
        BooleanColumn.Builder oneByOne = BooleanColumn.builder(1);
        BooleanColumn.Builder repeated = BooleanColumn.builder(1);
        for (int[] run : runs) {
            for (int i = 0; i < run[1]; i++) {
                oneByOne.append(run[0] == 1);
            }
            repeated.appendRepeated(run[0] == 1, run[1]);
        }
        repeated.appendRepeated(true, 0);
        BooleanColumn a = oneByOne.build();
        BooleanColumn b = repeated.build();
        assertThat(b.size()).isEqualTo(a.size());
        for (int r = 0; r < a.size(); r++) {
            assertThat(b.getBoolean(r)).as("row %d", r).isEqualTo(a.getBoolean(r));
        }
        assertThat(b.nullCount()).isZero();
        assertThatThrownBy(() -> BooleanColumn.builder(1).appendRepeated(true, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bulkEndsCheckTheirCounts() {
        ListColumn.Builder list = ListColumn.builder(DataType.listOf(DataType.INT32), 1);
        ((IntColumn.Builder) list.elements()).append(new int[] {1, 2, 3}, 0, 3);
        assertThatThrownBy(() -> list.endLists(2, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 were appended");
        StructColumn.Builder struct = StructColumn.builder(DataType.struct(List.of(Field.of("a", DataType.BOOLEAN))), 1);
        ((BooleanColumn.Builder) struct.field(0)).append(new boolean[] {true, false}, 0, 2);
        assertThatThrownBy(() -> struct.endStructs(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("field 'a' has 2 values, expected 3");
        assertThatThrownBy(() -> ((IntColumn.Builder) list.elements()).append(new int[2], 1, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void primitiveAppendsAndNullBitmapAcrossWordBoundaries() {
        IntColumn.Builder b = IntColumn.builder(DataType.INT32, 1);
        for (int i = 0; i < 200; i++) {
            if (i % 67 == 0) {
                b.appendNull();
            } else {
                b.append(i);
            }
        }
        IntColumn c = b.build();
        assertThat(c.size()).isEqualTo(200);
        assertThat(c.nullCount()).isEqualTo(3);
        assertThat(c.isNull(134)).isTrue();
        assertThat(c.isNull(135)).isFalse();
        assertThat(c.getInt(199)).isEqualTo(199);
        Column slice = c.slice(60, 140);
        assertThat(slice.nullCount()).isEqualTo(2);
        assertThat(slice.isNull(7)).isTrue();
        assertThat(slice.get(8)).isEqualTo(68);
    }

    @Test
    void columnWithoutNullsHasNoBitmap() {
        LongColumn.Builder b = LongColumn.builder(DataType.INT64, 1000);
        for (int i = 0; i < 1000; i++) {
            b.append(i);
        }
        assertThat(b.build().heapBytes()).isLessThan(8 * 1000 + 100);
    }

    @Test
    void booleans() {
        BooleanColumn.Builder b = BooleanColumn.builder(0);
        for (int i = 0; i < 130; i++) {
            b.append(i % 3 == 0);
        }
        b.appendNull();
        BooleanColumn c = b.build();
        assertThat(c.getBoolean(129)).isTrue();
        assertThat(c.getBoolean(128)).isFalse();
        assertThat(c.get(130)).isNull();
        assertThat(c.slice(126, 131).get(3)).isEqualTo(true);
    }

    @Test
    void stringsAreUtf8WithOffsets() {
        StringColumn.Builder b = StringColumn.builder(2);
        byte[] raw = "xx日本語yy".getBytes(StandardCharsets.UTF_8);
        b.append("ä").appendUtf8(raw, 2, 9).appendNull().append("");
        StringColumn c = b.build();
        assertThat(c.getString(0)).isEqualTo("ä");
        assertThat(c.getString(1)).isEqualTo("日本語");
        assertThat(c.getString(2)).isNull();
        assertThat(c.isNull(3)).isFalse();
        assertThat(c.getString(3)).isEmpty();
        assertThat(c.getUtf8(1)).hasSize(9);
        assertThat(c.slice(1, 4).get(0)).isEqualTo("日本語");
    }

    @Test
    void stringsAppendABlockLaidOutAsArrow() {
        byte[] data = "abcdé日f".getBytes(StandardCharsets.UTF_8);
        int[] offsets = {0, 1, 3, 3, 6, 9, 10}; // a, bc, "", dé, 日, f
        StringColumn c = StringColumn.builder(4).append("x").appendUtf8(data, offsets, 1, 4).appendNull()
                .appendUtf8(data, offsets, 4, 6).appendUtf8(data, offsets, 2, 2).build();
        assertThat(c.size()).isEqualTo(7);
        assertThat(java.util.stream.IntStream.range(0, 7).mapToObj(c::getString))
                .containsExactly("x", "bc", "", "dé", null, "日", "f");
        assertThat(c.isNull(2)).isFalse();
        assertThatThrownBy(() -> StringColumn.builder(1).appendUtf8(data, new int[] {0, 4, 2}, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offsets go down");
        assertThatThrownBy(() -> StringColumn.builder(1).appendUtf8(data, offsets, 5, 7))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> StringColumn.builder(1).appendUtf8(data, new int[] {0, 99}, 0, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void timestampsConvertMicros() {
        assertThat(LongColumn.instantOfMicros(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(LongColumn.microsOf(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1);
        assertThat(LongColumn.localOfMicros(86_400_000_000L)).isEqualTo(LocalDateTime.of(1970, 1, 2, 0, 0));
        assertThat(Column.of(DataType.TIMESTAMP, java.time.OffsetDateTime.parse("2020-01-01T01:00:00+01:00")).get(0))
                .isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThatThrownBy(() -> Column.of(DataType.TIMESTAMP, LocalDateTime.now())).hasMessageContaining("Instant");
    }

    @Test
    void wideDecimals() {
        DataType.Decimal type = DataType.decimal(38, 4);
        BigDecimal big = new BigDecimal("1234567890123456789012345678.1234");
        DecimalColumn c = (DecimalColumn) Column.of(type, big, null, BigInteger.TWO);
        assertThat(c.getDecimal(0)).isEqualTo(big);
        assertThat(c.getDecimal(1)).isNull();
        assertThat(c.getDecimal(2)).isEqualTo(new BigDecimal("2.0000"));
        assertThat(c.slice(2, 3).get(0)).isEqualTo(new BigDecimal("2.0000"));
    }

    @Test
    void nestedListsOfStructs() {
        DataType.Struct person = DataType.struct(List.of(Field.of("name", DataType.STRING),
                Field.of("tags", DataType.listOf(DataType.STRING))));
        DataType.ListOf type = DataType.listOf(person);
        ListColumn.Builder b = ListColumn.builder(type, 0);
        StructColumn.Builder people = (StructColumn.Builder) b.elements();
        ((StringColumn.Builder) people.field(0)).append("ada");
        people.field(1).appendValue(List.of("math", "engines"));
        people.endStruct();
        people.appendNull();
        b.endList();
        b.appendNull();
        b.appendValue(List.of());
        ListColumn c = b.build();
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.get(0)).hasSize(2);
        assertThat(c.get(0).get(0)).isEqualTo(java.util.Map.of("name", "ada", "tags", List.of("math", "engines")));
        assertThat(c.get(0).get(1)).isNull();
        assertThat(c.get(1)).isNull();
        assertThat(c.get(2)).isEmpty();
        assertThat(c.slice(0, 1).get(0)).isEqualTo(c.get(0));
    }

    @Test
    void appendRangeRequiresTheSameType() {
        Column ints = Column.of(DataType.INT32, 1);
        assertThatThrownBy(() -> Column.builder(DataType.DATE).appendRange(ints, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int32 column to a date column");
    }

    @Test
    void builderIsUsedOnce() {
        DoubleColumn.Builder b = DoubleColumn.builder(1);
        b.append(1);
        b.build();
        assertThatThrownBy(() -> b.append(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void appendRangeCopiesStringsAndNullsOfAnyOffsetInBulk() {
        StringColumn.Builder source = StringColumn.builder(4);
        for (int i = 0; i < 300; i++) {
            if (i % 7 == 3 || i == 64 || i == 127) {
                source.appendNull();
            } else {
                source.append("v" + i + (i % 5 == 0 ? "é" : ""));
            }
        }
        StringColumn src = source.build();
        StringColumn.Builder b = StringColumn.builder(1, 1);
        b.append("first");
        b.appendRange(src, 5, 5);
        b.appendRange(src, 3, 130);
        b.appendRange(src, 250, 300);
        StringColumn c = b.build();
        assertThat(c.size()).isEqualTo(1 + 127 + 50);
        assertThat(c.get(0)).isEqualTo("first");
        int row = 1;
        int nulls = 0;
        for (int[] range : new int[][] {{3, 130}, {250, 300}}) {
            for (int i = range[0]; i < range[1]; i++, row++) {
                assertThat(c.get(row)).as("row %d (source %d)", row, i).isEqualTo(src.get(i));
                nulls += src.isNull(i) ? 1 : 0;
            }
        }
        assertThat(c.nullCount()).isEqualTo(nulls);
        Table t = Table.concat(Schema.of(Field.of("s", DataType.STRING)), List.of(
                Table.of(Schema.of(Field.of("s", DataType.STRING)), List.of(src.slice(0, 70))),
                Table.of(Schema.of(Field.of("s", DataType.STRING)), List.of(src.slice(70, 300)))));
        for (int i = 0; i < 300; i++) {
            assertThat(t.get(i, 0)).isEqualTo(src.get(i));
        }
    }

    @Test
    void wrappedArraysMakeTheColumnsBuildersMake() {
        int rows = 130; // three words of bits, the last one partly used
        long[] nulls = new long[3];
        IntColumn.Builder ints = IntColumn.builder(DataType.DATE, 1);
        LongColumn.Builder longs = LongColumn.builder(DataType.TIMESTAMP, 1);
        FloatColumn.Builder floats = FloatColumn.builder(1);
        DoubleColumn.Builder doubles = DoubleColumn.builder(1);
        BooleanColumn.Builder booleans = BooleanColumn.builder(1);
        StringColumn.Builder strings = StringColumn.builder(1);
        BinaryColumn.Builder binaries = BinaryColumn.builder(1);
        int[] iv = new int[rows];
        long[] lv = new long[rows];
        float[] fv = new float[rows];
        double[] dv = new double[rows];
        long[] bv = new long[3];
        StringBuilder text = new StringBuilder();
        int[] offsets = new int[rows + 1];
        for (int i = 0; i < rows; i++) {
            if (i % 7 == 3 || i == 129) {
                nulls[i >>> 6] |= 1L << i;
                ints.appendNull();
                longs.appendNull();
                floats.appendNull();
                doubles.appendNull();
                booleans.appendNull();
                strings.appendNull();
                binaries.appendNull();
            } else {
                iv[i] = i * 3;
                lv[i] = i * 1_000_000_007L;
                fv[i] = i / 4f;
                dv[i] = i / 3.0;
                if (i % 3 == 0) {
                    bv[i >>> 6] |= 1L << i;
                }
                String s = "v" + i + (i % 5 == 0 ? "é" : "");
                text.append(s);
                ints.append(iv[i]);
                longs.append(lv[i]);
                floats.append(fv[i]);
                doubles.append(dv[i]);
                booleans.append(i % 3 == 0);
                strings.append(s);
                binaries.append(s.getBytes(StandardCharsets.UTF_8));
            }
            offsets[i + 1] = text.toString().getBytes(StandardCharsets.UTF_8).length;
        }
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        List<Column> built = List.of(ints.build(), longs.build(), floats.build(), doubles.build(), booleans.build(),
                strings.build(), binaries.build());
        List<Column> wrapped = List.of(IntColumn.wrap(DataType.DATE, iv, nulls.clone()),
                LongColumn.wrap(DataType.TIMESTAMP, lv, nulls.clone()), FloatColumn.wrap(fv, nulls.clone()),
                DoubleColumn.wrap(dv, nulls.clone()), BooleanColumn.wrap(rows, bv, nulls.clone()),
                StringColumn.wrap(utf8, offsets, nulls.clone()), BinaryColumn.wrap(utf8, offsets.clone(), nulls));
        Schema schema = Schema.of(Field.of("i", DataType.DATE), Field.of("l", DataType.TIMESTAMP),
                Field.of("f", DataType.FLOAT32), Field.of("d", DataType.FLOAT64), Field.of("b", DataType.BOOLEAN),
                Field.of("s", DataType.STRING), Field.of("x", DataType.BINARY));
        assertThat(Table.of(schema, wrapped)).isEqualTo(Table.of(schema, built));
        for (int c = 0; c < built.size(); c++) {
            assertThat(wrapped.get(c).nullCount()).isEqualTo(built.get(c).nullCount()).isEqualTo(19);
        }
    }

    @Test
    void wrapWithoutNullsKeepsNoBitmapAndRefusesBadArrays() {
        IntColumn none = IntColumn.wrap(DataType.INT32, new int[] {1, 2, 3}, new long[1]);
        assertThat(none.nullCount()).isZero();
        assertThat(none.isNull(2)).isFalse();
        assertThat(DoubleColumn.wrap(new double[0], null).size()).isZero();
        assertThat(StringColumn.wrap(new byte[0], new int[] {0}, null).size()).isZero();
        assertThatThrownBy(() -> IntColumn.wrap(DataType.INT64, new int[1], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int32 or date");
        assertThatThrownBy(() -> LongColumn.wrap(DataType.DATE, new long[1], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int64 or timestamps");
        assertThatThrownBy(() -> LongColumn.wrap(DataType.INT64, new long[65], new long[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot hold 65 rows");
        assertThatThrownBy(() -> FloatColumn.wrap(new float[3], new long[] {8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits set past its 3 rows");
        assertThatThrownBy(() -> DoubleColumn.wrap(new double[3], new long[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits set past its 3 rows");
        assertThatThrownBy(() -> BooleanColumn.wrap(2, new long[] {4}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value bitmap");
        assertThatThrownBy(() -> StringColumn.wrap(new byte[4], new int[] {1, 2}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start with 0");
        assertThatThrownBy(() -> StringColumn.wrap(new byte[4], new int[] {0, 3, 2}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before offset 1");
        assertThatThrownBy(() -> BinaryColumn.wrap(new byte[4], new int[] {0, 5}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the 4 bytes");
    }
}
