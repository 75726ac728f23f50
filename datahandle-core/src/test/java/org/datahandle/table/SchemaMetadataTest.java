package org.datahandle.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaMetadataTest {
    private final Schema plain = Schema.of(Field.of("chrom", DataType.STRING), Field.of("pos", DataType.INT64));

    @Test
    void aNewSchemaHasNoMetadata() {
        assertThat(plain.metadata()).isEmpty();
    }

    @Test
    void withMetadataReturnsACopyAndLeavesTheOriginal() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("vcf.samples", "NA1\tNA2");
        given.put("a", "1");
        Schema tagged = plain.withMetadata(given);
        given.put("b", "2");

        assertThat(tagged.metadata()).containsExactly(Map.entry("vcf.samples", "NA1\tNA2"), Map.entry("a", "1"));
        assertThat(plain.metadata()).isEmpty();
        assertThat(tagged.fields()).isEqualTo(plain.fields());
        assertThatThrownBy(() -> tagged.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withMetadataReplacesRatherThanMerges() {
        Schema twice = plain.withMetadata(Map.of("a", "1")).withMetadata(Map.of("b", "2"));
        assertThat(twice.metadata()).containsOnlyKeys("b");
    }

    @Test
    void metadataIsNotPartOfEquality() {
        Schema tagged = plain.withMetadata(Map.of("a", "1"));
        assertThat(tagged).isEqualTo(plain).hasSameHashCodeAs(plain);
    }

    @Test
    void nullKeysAndValuesAreRefused() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        assertThatThrownBy(() -> plain.withMetadata(nullValue)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("'k'");
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        assertThatThrownBy(() -> plain.withMetadata(nullKey)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void tablesKeepTheMetadataOfTheirSchemaThroughSliceAndConcat() {
        Schema tagged = plain.withMetadata(Map.of("vcf.header", "##fileformat=VCFv4.3"));
        Table t = Table.builder(tagged).addRow("chr1", 5L).addRow("chr2", 7L).build();
        assertThat(t.schema().metadata()).containsEntry("vcf.header", "##fileformat=VCFv4.3");
        assertThat(t.slice(0, 1).schema().metadata()).containsKey("vcf.header");
        assertThat(Table.concat(tagged, List.of(t, t)).schema().metadata()).containsKey("vcf.header");
    }
}
