package org.datahandle.formats.vcf;

import java.util.Locale;
import java.util.Optional;
import org.datahandle.table.DataType;

/** The {@code Type=} of an INFO or FORMAT definition, and the table type of one of its values. */
enum VcfType {
    INTEGER(DataType.INT32), FLOAT(DataType.FLOAT64), FLAG(DataType.BOOLEAN), CHARACTER(DataType.STRING),
    STRING(DataType.STRING);

    final DataType dataType;

    VcfType(DataType dataType) {
        this.dataType = dataType;
    }

    static Optional<VcfType> parse(String text) {
        return switch (text) {
            case "Integer" -> Optional.of(INTEGER);
            case "Float" -> Optional.of(FLOAT);
            case "Flag" -> Optional.of(FLAG);
            case "Character" -> Optional.of(CHARACTER);
            case "String" -> Optional.of(STRING);
            default -> Optional.empty();
        };
    }

    /** The header spelling: {@code Integer}, {@code Float}, ... */
    String spelling() {
        String n = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
