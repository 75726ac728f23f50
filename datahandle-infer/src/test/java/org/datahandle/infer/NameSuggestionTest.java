package org.datahandle.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameSuggestionTest {

    @Test
    void levenshteinDistance() {
        assertThat(NameSuggestion.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(NameSuggestion.distance("", "abc")).isEqualTo(3);
        assertThat(NameSuggestion.distance("parquet", "parquet")).isZero();
    }

    @Test
    void suggestsOnlyNearNames() {
        List<String> formats = List.of("csv", "tsv", "parquet", "json");
        assertThat(NameSuggestion.closest("parqet", formats)).hasValue("parquet");
        assertThat(NameSuggestion.closest("CSV", formats)).hasValue("csv");
        assertThat(NameSuggestion.closest("jsonl", formats)).hasValue("json");
        assertThat(NameSuggestion.closest("spreadsheet", formats)).isEmpty();
    }
}
