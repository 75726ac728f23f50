package org.datahandle.spark;

import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.datahandle.spi.MemoryFormAccess;
import org.datahandle.spi.MemoryFormProvider;

/**
 * Memory form {@code rdd}: a handle holds a {@code JavaRDD<Row>}, read by Spark's readers (the
 * rows of the Dataset they make, so each row carries its schema) and written through a Dataset
 * made from those rows. Writing an RDD whose rows have no schema is refused: its columns are unknown.
 *
 * @since 0.2
 */
public final class SparkRddForm implements MemoryFormProvider {
    static final String NAME = "rdd";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<?> type() {
        return JavaRDD.class;
    }

    @Override
    public Object load(MemoryFormAccess handle) {
        return SparkRead.read(handle.handleId(), SparkForms.disk(handle), SparkForms.session(handle, NAME)).javaRDD();
    }

    @Override
    public Object accept(Object data, MemoryFormAccess handle) {
        if (data instanceof JavaRDD<?>) {
            return data;
        }
        return SparkForms.dataset(data, handle, NAME).javaRDD();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void dump(Object value, MemoryFormAccess handle) {
        SparkWrite.write(handle.handleId(), SparkForms.disk(handle),
                SparkForms.fromRdd((JavaRDD<Row>) value, handle, NAME));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> convert(Object value, Class<T> type, MemoryFormAccess handle) {
        JavaRDD<Row> rdd = (JavaRDD<Row>) value;
        if (type == JavaRDD.class) {
            return Optional.of(type.cast(rdd));
        }
        Dataset<Row> data = SparkForms.fromRdd(rdd, handle, NAME);
        return SparkForms.convert(data, type, handle);
    }
}
