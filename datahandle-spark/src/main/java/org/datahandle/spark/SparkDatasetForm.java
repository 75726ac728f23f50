package org.datahandle.spark;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.datahandle.spi.MemoryFormAccess;
import org.datahandle.spi.MemoryFormProvider;

/**
 * Memory form {@code spark}: a handle holds a {@code Dataset<Row>}, read and written by Spark. The
 * Dataset is lazy: memory holds the plan, and the memory budget counts it as next to nothing.
 * Reads convert to {@code Table}, rows ({@code List.class}) and {@code JavaRDD}; collecting is
 * guarded by {@link SparkCollectLimit}.
 *
 * @since 0.2
 */
public final class SparkDatasetForm implements MemoryFormProvider {
    static final String NAME = "spark";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<?> type() {
        return Dataset.class;
    }

    @Override
    public Object load(MemoryFormAccess handle) {
        return SparkRead.read(handle.handleId(), SparkForms.disk(handle), SparkForms.session(handle, NAME));
    }

    @Override
    public Object accept(Object data, MemoryFormAccess handle) {
        return SparkForms.dataset(data, handle, NAME);
    }

    @Override
    public void dump(Object value, MemoryFormAccess handle) {
        SparkWrite.write(handle.handleId(), SparkForms.disk(handle), SparkForms.dataset(value, handle, NAME));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> convert(Object value, Class<T> type, MemoryFormAccess handle) {
        return SparkForms.convert((Dataset<Row>) value, type, handle);
    }
}
