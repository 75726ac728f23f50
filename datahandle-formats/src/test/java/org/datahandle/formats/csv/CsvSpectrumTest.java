package org.datahandle.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the csv-spectrum corpus parses to exactly the cells of its JSON twin. */
class CsvSpectrumTest {
    /** Upstream's location_coordinates.json anonymises the phone number that its CSV holds. */
    private static final Map<String, String> UPSTREAM_MISMATCHES = Map.of("location_coordinates", "Contact Phone Number");

    static Path corpus() {
        return Path.of(System.getProperty("datahandle.testData", "../../shared/data"), "csv-spectrum");
    }

    static Stream<String> cases() throws IOException {
        Path csvs = corpus().resolve("csvs");
        if (!Files.isDirectory(csvs)) {
            return Stream.of("(corpus absent)");
        }
        try (Stream<Path> files = Files.list(csvs)) {
            return files.map(p -> p.getFileName().toString().replaceFirst("\\.csv$", "")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesLikeTheJson(String name) throws IOException {
        assumeTrue(Files.isDirectory(corpus().resolve("csvs")), "csv-spectrum corpus not found at " + corpus()
                + "; put max-mapper/csv-spectrum's csvs/ and json/ there or set -Ddatahandle.testData");
        JsonNode json = new ObjectMapper().readTree(corpus().resolve("json/" + name + ".json").toFile());
        List<Map<String, String>> expected = new ArrayList<>();
        for (JsonNode row : json.isArray() ? json : List.of(json)) {
            Map<String, String> m = new LinkedHashMap<>();
            row.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            expected.add(m);
        }
        Table t;
        CsvCodec codec = new CsvCodec(CsvOptions.parse(Map.of("inferTypes", false), ','));
        Path file = corpus().resolve("csvs/" + name + ".csv");
        try (TableReader r = codec.openReader(List.of(LocalCodecFiles.plain("spectrum").source(file)))) {
            t = r.readAll();
        }
        List<Map<String, String>> actual = new ArrayList<>();
        for (Map<String, Object> row : t.toRows()) {
            Map<String, String> m = new LinkedHashMap<>();
            row.forEach((k, v) -> m.put(k, v == null ? "" : (String) v));
            actual.add(m);
        }
        String skip = UPSTREAM_MISMATCHES.get(name);
        if (skip != null) {
            expected.forEach(m -> m.remove(skip));
            actual.forEach(m -> m.remove(skip));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(t.schema().names().stream().filter(n -> !n.equals(skip)).toList())
                .containsExactlyElementsOf(expected.get(0).keySet());
    }
}
