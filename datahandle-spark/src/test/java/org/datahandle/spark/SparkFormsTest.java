package org.datahandle.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.HandleState;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark and rdd memory forms in a catalog, and Table ⇄ Dataset type for type. */
@SuppressWarnings("unchecked") // read(Dataset.class) hands out the raw type
class SparkFormsTest {
    @TempDir
    Path dir;

    static Table nested() {
        Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.of("ok", DataType.BOOLEAN),
                Field.of("n", DataType.INT32), Field.of("f", DataType.FLOAT32), Field.of("x", DataType.FLOAT64),
                Field.of("name", DataType.STRING), Field.of("day", DataType.DATE), Field.of("at", DataType.TIMESTAMP),
                Field.of("price", new DataType.Decimal(10, 2)), Field.of("raw", DataType.BINARY),
                Field.of("tags", new DataType.ListOf(DataType.STRING)),
                Field.of("info", new DataType.Struct(List.of(Field.of("depth", DataType.INT32),
                        Field.of("genes", new DataType.ListOf(DataType.STRING))))));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("depth", 30);
        info.put("genes", List.of("BRCA1", "TP53"));
        return Table.builder(schema)
                .addRow(1L, true, 7, 1.5f, 2.25, "007", LocalDate.of(2024, 2, 29), Instant.parse("2024-01-01T10:00:00Z"),
                        new BigDecimal("12.34"), new byte[] {1, 2}, List.of("a", "b"), info)
                .addRow(2L, null, null, null, null, null, null, null, null, null, null, null)
                .build();
    }

    @Test
    void tableToDatasetAndBackIsTypeForType() {
        Table t = nested();
        Dataset<Row> ds = SparkHandles.toDataset(t, SparkTestSession.get());
        assertThat(ds.schema().apply("info").dataType().simpleString())
                .isEqualTo("struct<depth:int,genes:array<string>>");
        Table back = SparkHandles.toTable(ds.orderBy("id"), 10);
        assertThat(back.schema()).isEqualTo(t.schema());
        for (int r = 0; r < t.rowCount(); r++) {
            for (String c : t.schema().names()) {
                Object expected = t.get(r, c);
                Object actual = back.get(r, c);
                if (expected instanceof byte[] b) {
                    assertThat(Arrays.equals(b, (byte[]) actual)).as(c).isTrue();
                } else {
                    assertThat(actual).as("row %d column %s", r, c).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void collectingIsGuarded() {
        Dataset<Row> ten = SparkTestSession.get().range(10).toDF("id");
        assertThatThrownBy(() -> SparkHandles.toTable(ten, 5)).isInstanceOf(DataHandleException.class)
                .hasMessageContaining("more than 5 rows").hasMessageContaining("SparkCollectLimit");
        try (Catalog c = Catalog.builder().baseDirectory(dir)
                .memoryFormContext(SparkSession.class, SparkTestSession.get())
                .memoryFormContext(SparkCollectLimit.class, new SparkCollectLimit(5))
                .fromYaml("t: {memory: {format: spark}}")) {
            DataHandle h = c.get("t");
            h.write(ten);
            assertThatThrownBy(h::read).hasMessageContaining("more than 5 rows")
                    .isInstanceOfSatisfying(DataHandleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
                        assertThat(e.handleId()).contains("t");
                        assertThat(e.getMessage()).startsWith("handle 't': the Dataset has more than 5 rows");
                    });
        }
    }

    @Test
    void sparkFormOnDiskReadsAsTableRowsAndRdd() {
        String yaml = "t: {disk: {path: t.parquet/}, memory: {format: spark}}\nr: {disk: {path: t.parquet/}, memory: {format: rdd}}";
        try (Catalog c = Catalogs.of(yaml, dir)) {
            DataHandle h = c.get("t");
            h.write(nested()); // a Table written to a spark handle goes through Spark
            assertThat(h.state()).isEqualTo(new HandleState(HandleState.DiskState.PRODUCED, HandleState.MemoryState.PRODUCED));
            assertThat(h.read().rowCount()).isEqualTo(2);
            List<Map<String, Object>> rows = h.read(List.class);
            assertThat(rows).hasSize(2);
            assertThat(c.toYaml()).contains("format: spark", "format: rdd");

            DataHandle r = c.get("r");
            JavaRDD<Row> rdd = r.read(JavaRDD.class);
            assertThat(rdd.count()).isEqualTo(2);
            Table viaRdd = r.read();
            assertThat(viaRdd.schema()).isEqualTo(nested().schema());
        }
    }

    @Test
    void rddFormWritesRowsThatCarryTheirSchema() {
        try (Catalog c = Catalogs.of("r: {disk: {path: r.jsonl/}, memory: {format: rdd}}", dir)) {
            JavaRDD<Row> rows = SparkTestSession.get().range(100).toDF("id").javaRDD();
            c.get("r").write(rows);
            c.get("r").dropMemory();
            assertThat(((JavaRDD<Row>) c.get("r").read(JavaRDD.class)).count()).isEqualTo(100);
        }
        try (Catalog c = Catalogs.of("bare: {disk: {path: bare.jsonl/}, memory: {format: rdd}}", dir)) {
            JavaRDD<Row> bare = new org.apache.spark.api.java.JavaSparkContext(SparkTestSession.get().sparkContext())
                    .parallelize(List.of(org.apache.spark.sql.RowFactory.create(1L)));
            assertThatThrownBy(() -> c.get("bare").write(bare)).hasMessageContaining("without a schema");
            assertThat(c.get("bare").state().diskProduced()).isFalse();
        }
    }
}
