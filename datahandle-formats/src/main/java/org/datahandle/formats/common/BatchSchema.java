package org.datahandle.formats.common;

import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/** The check every table writer makes on a batch before writing it. */
public final class BatchSchema {
    private BatchSchema() {}

    /**
     * @throws IllegalArgumentException naming the handle and both schemas when {@code batch} does not have
     *     the writer's {@code schema}
     */
    public static void requireWriterSchema(String handleId, Schema schema, Table batch) {
        if (!batch.schema().equals(schema)) {
            throw new IllegalArgumentException("handle '" + handleId + "': batch schema " + batch.schema()
                    + " differs from the writer's schema " + schema);
        }
    }
}
