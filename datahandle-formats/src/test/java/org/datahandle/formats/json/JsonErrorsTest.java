package org.datahandle.formats.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.datahandle.formats.json.JsonFiles.json;
import static org.datahandle.formats.json.JsonFiles.jsonl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.datahandle.DataFormatException;
import org.datahandle.spi.Codec;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad bytes through every read path (json table, json stream, json document, jsonl table, jsonl stream):
 * always a {@link DataFormatException} with handle, path, line and byte offset, never a Jackson exception.
 */
class JsonErrorsTest {
    @TempDir
    Path dir;

    /** A way to read a file. */
    interface ReadPath {
        Object read(Path p) throws IOException;
    }

    static Stream<Named<ReadPath>> readPaths() {
        return Stream.of(
                Named.of("json table", p -> JsonFiles.read(json(), p)),
                Named.of("json stream", p -> {
                    try (var r = json().openStream(JsonFiles.sources(p))) {
                        return r.readAll();
                    }
                }),
                Named.of("json document", p -> json().documents().orElseThrow().read(JsonFiles.LOCAL.source(p))),
                Named.of("jsonl table", p -> JsonFiles.read(jsonl(), p)),
                Named.of("jsonl stream", p -> {
                    Codec c = jsonl();
                    try (var r = c.openStream(JsonFiles.sources(p))) {
                        return r.readAll();
                    }
                }));
    }

    /** Each bad file as json and as jsonl text, with the line of the problem. */
    static Stream<Arguments> cases() {
        return readPaths().flatMap(path -> {
            boolean lines = path.getName().startsWith("jsonl");
            String open = lines ? "" : "[";
            String sep = lines ? "\n" : ",\n";
            ByteArrayOutputStream badUtf8 = new ByteArrayOutputStream();
            badUtf8.writeBytes((open + "{\"a\": \"ok\"}" + sep + "{\"a\": \"").getBytes(UTF_8));
            badUtf8.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
            badUtf8.writeBytes(("\"}" + (lines ? "\n" : "]")).getBytes(UTF_8));
            return Stream.of(
                    Arguments.of(path, "malformed", (open + "{\"a\": 1}" + sep + "{\"a\": tru}" + (lines ? "\n" : "]"))
                            .getBytes(UTF_8), 2, "malformed JSON"),
                    Arguments.of(path, "truncated", (open + "{\"a\": 1}" + sep + "{\"a\": \"cut").getBytes(UTF_8), 2,
                            "truncated"),
                    Arguments.of(path, "invalid UTF-8", badUtf8.toByteArray(), 2, "UTF-8"),
                    Arguments.of(path, "duplicate key", (open + "{\"a\": 1}" + sep + "{\"a\": 1, \"a\": 2}"
                            + (lines ? "\n" : "]")).getBytes(UTF_8), 2, "the key 'a' appears twice"));
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void badBytesAreDataFormatErrorsWithHandlePathAndLine(ReadPath path, String what, byte[] content, int line,
            String message) throws IOException {
        Path p = new JsonFiles(dir).file(".data", content);
        Throwable thrown = catchThrowable(() -> path.read(p));
        assertThat(thrown).as(what).isExactlyInstanceOf(DataFormatException.class);
        DataFormatException e = (DataFormatException) thrown;
        assertThat(e.getMessage()).contains("handle 'events'").contains(p.toString()).contains("line " + line)
                .contains("byte offset").contains(message);
        assertThat(e.line()).hasValue(line);
        assertThat(e.byteOffset().orElseThrow()).isGreaterThan(0).isLessThanOrEqualTo(content.length);
        assertThat(e.path()).hasValue(p.toUri());
    }
}
