package org.datahandle.db;

import java.util.Optional;

/**
 * A table's name inside its database: an optional schema (PostgreSQL) and the name. Always
 * quoted when put into SQL, never concatenated raw.
 */
record TableName(Optional<String> schema, String name) {
    /** The same schema, another name (a staging table). */
    TableName sibling(String other) {
        return new TableName(schema, other);
    }

    @Override
    public String toString() {
        return schema.map(s -> s + "." + name).orElse(name);
    }
}
