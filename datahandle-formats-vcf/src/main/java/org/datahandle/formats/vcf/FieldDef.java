package org.datahandle.formats.vcf;

/**
 * One {@code ##INFO} or {@code ##FORMAT} definition.
 *
 * @param id the key
 * @param number how many values
 * @param type the value type
 * @param line the 1-based header line that defines it
 */
record FieldDef(String id, VcfNumber number, VcfType type, long line) {

    /** Whether two definitions mean the same column (the description may differ). */
    boolean sameShape(FieldDef other) {
        return id.equals(other.id) && number.equals(other.number) && type == other.type;
    }

    String describe() {
        return "ID=" + id + ",Number=" + number.spelling() + ",Type=" + type.spelling();
    }
}
