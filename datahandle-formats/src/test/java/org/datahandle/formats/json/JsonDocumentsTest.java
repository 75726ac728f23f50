package org.datahandle.formats.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.formats.json.JsonFiles.json;
import static org.datahandle.formats.json.JsonFiles.jsonl;
import static org.datahandle.formats.json.JsonFiles.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.DataFormatException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.spi.DocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A json file as one document of plain Java values, for the object and json memory formats. */
class JsonDocumentsTest {
    @TempDir
    Path dir;

    private JsonFiles files() {
        return new JsonFiles(dir);
    }

    private static DocumentCodec documents(Object... options) {
        return json(options).documents().orElseThrow();
    }

    private Object read(String content) throws IOException {
        return documents().read(JsonFiles.LOCAL.source(files().file(".json", content)));
    }

    private Path write(DocumentCodec codec, Object document) throws IOException {
        Path p = files().newPath(".json");
        codec.write(JsonFiles.LOCAL.target(p), document);
        return p;
    }

    @Test
    void everyKindOfJsonValueIsAPlainJavaValue() throws IOException {
        assertThat(read("{}")).isEqualTo(Map.of()).isInstanceOf(LinkedHashMap.class);
        assertThat(read("[]")).isEqualTo(List.of()).isInstanceOf(ArrayList.class);
        assertThat(read("\"ünï\\u00e7ødé 𝄞\"")).isEqualTo("ünïçødé 𝄞");
        assertThat(read("true")).isEqualTo(true);
        assertThat(read(" false ")).isEqualTo(false);
        assertThat(read("null")).isNull();
        assertThat(read("42")).isEqualTo(42);
        assertThat(read("-5000000000")).isEqualTo(-5_000_000_000L);
        assertThat(read("123456789012345678901234567890")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(read("0.1")).isEqualTo(0.1);
        assertThat(read("1e3")).isEqualTo(1000.0);
        assertThat(read("-0.0")).isEqualTo(-0.0);
        assertThat(read("1.7976931348623157e308")).isEqualTo(Double.MAX_VALUE);
        assertThat(read("3.141592653589793238462643383279")).isEqualTo(new BigDecimal("3.141592653589793238462643383279"));
        assertThat(read("1e400")).isEqualTo(new BigDecimal("1e400"));
        assertThat(read("1e-400")).isEqualTo(new BigDecimal("1e-400"));
        assertThat(read("0.1000000000000000055511151231257827")).isInstanceOf(BigDecimal.class);
    }

    @Test
    void nestedDocumentKeepsKeyOrderAndNulls() throws IOException {
        Object doc = read("{\"z\": 1, \"a\": [1, \"two\", null, {\"k\": []}], \"m\": {\"b\": null, \"a\": true}}");
        assertThat(doc).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) doc;
        assertThat(map.keySet()).containsExactly("z", "a", "m");
        assertThat(map.get("a")).isEqualTo(Arrays.asList(1, "two", null, Map.of("k", List.of())));
        assertThat(List.<Object>copyOf(((Map<?, ?>) map.get("m")).keySet())).containsExactly("b", "a");
    }

    @Test
    void writesIndentedByDefaultAndCompactOnRequest() throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "ü");
        doc.put("n", List.of(1, 2.5));
        doc.put("none", null);
        Path pretty = write(documents(), doc);
        assertThat(text(pretty)).isEqualTo("{\n  \"name\" : \"ü\",\n  \"n\" : [ 1, 2.5 ],\n  \"none\" : null\n}\n");
        Path compact = write(documents("pretty", false), doc);
        assertThat(text(compact)).isEqualTo("{\"name\":\"ü\",\"n\":[1,2.5],\"none\":null}\n");
        assertThat(documents().read(JsonFiles.LOCAL.source(compact))).isEqualTo(doc);
    }

    record Sample(String id, LocalDate collected, Instant seen, BigDecimal dose, byte[] raw, List<Integer> reads) {}

    @Test
    void writesAnyJacksonValueWithIsoTimesAndPlainDecimals() throws IOException {
        Sample s = new Sample("HG01", LocalDate.of(2024, 1, 3), Instant.parse("2024-01-03T10:15:30Z"),
                new BigDecimal("1E-7"), new byte[] {1, 2}, List.of(3, 4));
        Path p = write(documents("pretty", false), List.of(s));
        assertThat(text(p)).isEqualTo("[{\"id\":\"HG01\",\"collected\":\"2024-01-03\",\"seen\":\"2024-01-03T10:15:30Z\","
                + "\"dose\":0.0000001,\"raw\":\"AQI=\",\"reads\":[3,4]}]\n");
    }

    @Test
    void valueJacksonCannotWriteIsAnUnsupportedFormatNamingTheHandle() {
        Object unwritable = new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
                return this;
            }
        };
        assertThatThrownBy(() -> write(documents(), unwritable)).isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("handle 'events'").hasMessageContaining("cannot write");
    }

    @Test
    void oneFileHoldsOneValue() throws IOException {
        Path two = files().file(".json", "{\"a\": 1}\n{\"a\": 2}\n");
        assertThatThrownBy(() -> documents().read(JsonFiles.LOCAL.source(two)))
                .isInstanceOfSatisfying(DataFormatException.class, e -> {
                    assertThat(e.getMessage()).contains("found an object after the end of the JSON document")
                            .contains("jsonl");
                    assertThat(e.line()).hasValue(2);
                    assertThat(e.byteOffset()).hasValue(9);
                });
        Path empty = files().file(".json", "  \n");
        assertThatThrownBy(() -> documents().read(JsonFiles.LOCAL.source(empty)))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("the file is empty");
    }

    @Test
    void onlyJsonOffersDocuments() {
        assertThat(json().documents()).isPresent();
        assertThat(jsonl().documents()).isEmpty();
    }
}
