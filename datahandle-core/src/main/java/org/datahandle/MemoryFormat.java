package org.datahandle;

import java.util.Optional;

/**
 * How a handle holds its data in memory; the YAML name is {@link #yamlName()}.
 */
public enum MemoryFormat {
    /** {@link org.datahandle.table.Table}: columnar and typed, the default for tabular data. */
    TABLE("table"),
    /** {@code List<Map<String,Object>>}, one map per row, keys in column order. */
    ROWS("rows"),
    /** A JSON document as a {@code String}. */
    JSON("json"),
    /** {@code double[][]}, row-major, every column numeric. */
    MATRIX("matrix"),
    /** Any Jackson-mappable object (or a {@link org.datahandle.table.Table}), kept as written: json documents and temporary handles. */
    OBJECT("object");

    private final String yamlName;

    MemoryFormat(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used in YAML: {@code table}, {@code rows}, {@code json}, {@code matrix}, {@code object}. */
    public String yamlName() {
        return yamlName;
    }

    /** The format with this YAML name. */
    public static Optional<MemoryFormat> fromYamlName(String name) {
        for (MemoryFormat f : values()) { // a plain loop: called once per handle while a catalog loads
            if (f.yamlName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
