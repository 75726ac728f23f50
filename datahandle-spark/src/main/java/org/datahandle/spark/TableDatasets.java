package org.datahandle.spark;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * {@code Table} ⇄ {@code Dataset<Row>} for data that fits the driver: type for type, nested list
 * and struct included. Collecting is guarded by a row limit, so a large Dataset fails with a clear
 * error instead of exhausting the driver's heap.
 */
final class TableDatasets {
    private TableDatasets() {}

    static Dataset<Row> toDataset(Table table, SparkSession session, String handleId) {
        StructType struct = SparkTypes.toSpark(table.schema(), handleId);
        List<Row> rows = new ArrayList<>(table.rowCount());
        List<Field> fields = table.schema().fields();
        for (int r = 0; r < table.rowCount(); r++) {
            Object[] values = new Object[fields.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = toSpark(table.get(r, c), fields.get(c).type());
            }
            rows.add(RowFactory.create(values));
        }
        return session.createDataFrame(rows, struct);
    }

    /**
     * Collects at most {@code maxRows} rows; one more is asked for, so that a larger Dataset is
     * refused rather than silently cut.
     */
    static Table toTable(Dataset<Row> data, long maxRows, String handleId) {
        Schema schema = SparkTypes.fromSpark(data.schema(), handleId);
        int limit = (int) Math.min(Integer.MAX_VALUE - 1L, maxRows);
        List<Row> rows = data.limit(limit + 1).collectAsList();
        if (rows.size() > limit) {
            throw new DataHandleException(ErrorCode.LIMIT_EXCEEDED, handleId, ErrorLocation.UNKNOWN, "the Dataset has more than "
                    + limit
                    + " rows, the limit for collecting it into a Table on the driver; keep it in Spark, or raise the"
                    + " limit with Catalog.builder().memoryFormContext(SparkCollectLimit.class, new SparkCollectLimit(n))");
        }
        Table.Builder builder = Table.builder(schema, rows.size());
        List<Field> fields = schema.fields();
        for (Row row : rows) {
            Object[] values = new Object[fields.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = fromSpark(row.get(c), fields.get(c).type());
            }
            builder.addRow(values);
        }
        return builder.build();
    }

    /** Our boxed value as Spark's external type: lists stay Java lists, structs become rows. */
    private static Object toSpark(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof DataType.ListOf l) {
            List<Object> out = new ArrayList<>();
            for (Object element : (List<?>) value) {
                out.add(toSpark(element, l.element()));
            }
            return scala.jdk.javaapi.CollectionConverters.asScala(out).toSeq();
        }
        if (type instanceof DataType.Struct s) {
            Map<?, ?> map = (Map<?, ?>) value;
            Object[] values = new Object[s.fields().size()];
            for (int i = 0; i < values.length; i++) {
                Field f = s.fields().get(i);
                values[i] = toSpark(map.get(f.name()), f.type());
            }
            return RowFactory.create(values);
        }
        if (value instanceof LocalDate d) {
            return java.sql.Date.valueOf(d);
        }
        if (value instanceof Instant i) {
            return java.sql.Timestamp.from(i);
        }
        return value;
    }

    /** Spark's external value as our boxed value. */
    private static Object fromSpark(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof DataType.ListOf l) {
            List<Object> out = new ArrayList<>();
            Iterable<?> elements = value instanceof scala.collection.Iterable<?> seq
                    ? scala.jdk.javaapi.CollectionConverters.asJava(seq) : (Iterable<?>) value;
            for (Object element : elements) {
                out.add(fromSpark(element, l.element()));
            }
            return out;
        }
        if (type instanceof DataType.Struct s) {
            Row row = (Row) value;
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < s.fields().size(); i++) {
                Field f = s.fields().get(i);
                map.put(f.name(), fromSpark(row.get(i), f.type()));
            }
            return map;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Short s) {
            return s.intValue();
        }
        if (value instanceof Byte b) {
            return b.intValue();
        }
        if (value instanceof scala.math.BigDecimal b) {
            return b.bigDecimal();
        }
        if (value instanceof BigDecimal || value instanceof LocalDateTime) {
            return value;
        }
        return value;
    }
}
