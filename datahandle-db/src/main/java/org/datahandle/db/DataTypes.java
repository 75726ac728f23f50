package org.datahandle.db;

import java.util.Optional;
import org.datahandle.table.DataType;

/** Reads back the type names the commit record keeps ({@link DataType#typeName()}). */
final class DataTypes {
    private DataTypes() {}

    static Optional<DataType> parse(String name) {
        return switch (name) {
            case "boolean" -> Optional.of(DataType.BOOLEAN);
            case "int32" -> Optional.of(DataType.INT32);
            case "int64" -> Optional.of(DataType.INT64);
            case "float32" -> Optional.of(DataType.FLOAT32);
            case "float64" -> Optional.of(DataType.FLOAT64);
            case "string" -> Optional.of(DataType.STRING);
            case "date" -> Optional.of(DataType.DATE);
            case "binary" -> Optional.of(DataType.BINARY);
            case "timestamp" -> Optional.of(DataType.TIMESTAMP);
            case "timestamp_local" -> Optional.of(DataType.TIMESTAMP_LOCAL);
            default -> decimal(name);
        };
    }

    private static Optional<DataType> decimal(String name) {
        if (!name.startsWith("decimal(") || !name.endsWith(")")) {
            return Optional.empty();
        }
        String[] ps = name.substring(8, name.length() - 1).split(",");
        try {
            return Optional.of(new DataType.Decimal(Integer.parseInt(ps[0].trim()),
                    ps.length > 1 ? Integer.parseInt(ps[1].trim()) : 0));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
