package org.datahandle.table;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ordered, named, typed columns of a {@link Table}, plus key-value {@link #metadata()}.
 * Immutable; column names are unique.
 */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> indexByName;
    private final Map<String, String> metadata;

    private Schema(List<Field> fields, Map<String, String> metadata) {
        this.fields = List.copyOf(fields);
        this.metadata = metadata;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            Integer previous = index.put(this.fields.get(i).name(), i);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate column name '" + this.fields.get(i).name()
                        + "' at positions " + previous + " and " + i);
            }
        }
        this.indexByName = Map.copyOf(index);
    }

    public static Schema of(List<Field> fields) {
        return new Schema(fields, Map.of());
    }

    public static Schema of(Field... fields) {
        return new Schema(Arrays.asList(fields), Map.of());
    }

    /**
     * Key-value metadata that travels with the columns, as Arrow schemas and Parquet footers carry
     * it: for example the VCF codec keeps a file's header lines under {@code vcf.header} and its
     * sample names under {@code vcf.samples}. Codecs that can store it (Parquet's footer key-value
     * metadata) write it and read it back; the others drop it.
     *
     * <p>Metadata is not part of {@link #equals}: two schemas with the same fields are equal, so a
     * table read back from a format that cannot keep metadata still equals the table written.
     *
     * @return an unmodifiable map in insertion order; empty when there is none
     * @since 1.0
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * This schema's fields with {@code metadata} in place of the current metadata (not merged).
     *
     * @param metadata keys and values, neither null; copied, its iteration order kept
     * @return a new schema; this one is unchanged
     * @throws NullPointerException if the map, a key or a value is null
     * @since 1.0
     */
    public Schema withMetadata(Map<String, String> metadata) {
        requireNonNull(metadata, "metadata is null");
        Map<String, String> copy = new LinkedHashMap<>();
        metadata.forEach((k, v) -> copy.put(requireNonNull(k, "metadata key is null"),
                requireNonNull(v, () -> "metadata value of '" + k + "' is null")));
        return new Schema(fields, Collections.unmodifiableMap(copy));
    }

    public List<Field> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    public Optional<Field> field(String name) {
        Integer i = indexByName.get(name);
        return i == null ? Optional.empty() : Optional.of(fields.get(i));
    }

    /** Position of the named column. */
    public OptionalInt indexOf(String name) {
        Integer i = indexByName.get(name);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
