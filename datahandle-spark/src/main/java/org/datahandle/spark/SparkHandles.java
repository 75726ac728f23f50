package org.datahandle.spark;

import static java.util.Objects.requireNonNull;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.datahandle.DataHandle;
import org.datahandle.table.Table;

/**
 * Spark for any handle, whatever its memory format: read its disk into a {@code Dataset<Row>} with
 * Spark's readers, or publish a {@code Dataset<Row>} to it. Memory is not involved, so these work
 * like an external tool's D2O and O2D and keep the same produced rules. Handles declared with
 * {@code memory.format: spark} do the same inside {@code read()} and {@code write()}.
 *
 * <pre>{@code
 * Dataset<Row> calls = SparkHandles.read(catalog.get("calls"), spark);
 * SparkHandles.write(catalog.get("filtered"), calls.filter("qual > 30"));
 * }</pre>
 *
 * @since 0.2
 */
public final class SparkHandles {
    private SparkHandles() {}

    /**
     * The handle's disk as a Dataset, read by Spark over exactly the files the produced check vouches
     * for, typed by the commit record's schema or the spec's {@code schema} option (csv/tsv columns
     * without either are strings; Spark's type inference is never used).
     *
     * @throws org.datahandle.NotProducedException if the disk is not produced
     * @throws org.datahandle.UnsupportedFormatException if the format has no Spark data source
     * @throws org.datahandle.DataHandleException if the handle is temporary
     */
    public static Dataset<Row> read(DataHandle handle, SparkSession session) {
        requireNonNull(handle, "handle is null");
        requireNonNull(session, "session is null");
        return SparkRead.read(handle.id(), handle.disk(), session);
    }

    /**
     * Writes the Dataset with Spark into the handle's staging folder and publishes it atomically (one
     * folder rename, then the commit record). The handle's path must be a folder path ({@code out/x.parquet/}).
     *
     * @throws org.datahandle.AlreadyProducedException if the disk is produced, or another writer holds the handle
     * @throws org.datahandle.UnsupportedFormatException if the path is not a folder path, or the format
     *     or compression cannot be written by Spark
     */
    public static void write(DataHandle handle, Dataset<Row> data) {
        requireNonNull(handle, "handle is null");
        requireNonNull(data, "data is null");
        SparkWrite.write(handle.id(), handle.disk(), data);
    }

    /** A Table as a Dataset (the table is copied to Spark), type for type, nested list and struct included. */
    public static Dataset<Row> toDataset(Table table, SparkSession session) {
        requireNonNull(table, "table is null");
        requireNonNull(session, "session is null");
        return TableDatasets.toDataset(table, session, "(table)");
    }

    /**
     * Collects a Dataset into a Table on the driver.
     *
     * @throws org.datahandle.DataHandleException if it has more than {@code maxRows} rows
     */
    public static Table toTable(Dataset<Row> data, long maxRows) {
        requireNonNull(data, "data is null");
        return TableDatasets.toTable(data, maxRows, "(dataset)");
    }
}
