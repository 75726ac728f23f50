package org.datahandle.formats.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandle;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;
import org.datahandle.testing.TestPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npy codec: the matrix memory form on disk, checked against the real numpy. */
class NpyCodecTest {
    @TempDir
    Path dir;

    private static final double[][] MATRIX = {{1.5, -2.25, 0}, {Double.NaN, 1e300, -0.0}, {3, 4, 5}, {6, 7, 8}};

    private Catalog catalog() {
        return Catalog.builder().baseDirectory(dir).fromYaml("""
                dataHandles:
                  weights:
                    disk: {path: out/weights.npy}
                """);
    }

    @Test
    void aMatrixRoundTripsThroughAHandle() {
        try (Catalog c = catalog()) {
            DataHandle h = c.get("weights");
            assertThat(h.spec().memory().format().yamlName()).isEqualTo("matrix");
            h.write(MATRIX);
            h.dropMemory();
            double[][] read = h.read(double[][].class);
            assertThat(java.util.Arrays.deepToString(read)).isEqualTo(java.util.Arrays.deepToString(MATRIX));
            Table t = h.read();
            assertThat(t.schema().names()).containsExactly("col1", "col2", "col3");
            assertThat(t.isNull(1, 0)).as("NaN reads as null, as the matrix form converts it").isTrue();
        }
        assertThat(dir.resolve("out/weights.npy")).exists();
    }

    @Test
    void numpyMapsOursWithoutACopyAndWeReadEveryDtypeItWrites() throws IOException {
        try (Catalog c = catalog()) {
            c.get("weights").write(MATRIX);
        }
        Path python = TestPython.assumePython("numpy");
        JsonNode report = new ObjectMapper().readTree(TestPython.run(python, PyArrowInteropTest.script("npy_interop.py"),
                List.of(dir.resolve("out/weights.npy").toString(), dir.toString())).assertSuccess().stdout());
        assertThat(report.get("memmap").asBoolean()).as("np.load(mmap_mode='r') gave a memmap").isTrue();
        assertThat(report.get("owndata").asBoolean()).as("the array owns no copy").isFalse();
        assertThat(report.get("dtype").asText()).isEqualTo("float64");
        assertThat(report.get("c_order").asBoolean()).isTrue();
        assertThat(report.get("data_offset").asInt() % 64).as("data start 64-byte aligned").isZero();
        assertThat(report.get("shape").toString()).isEqualTo("[4,3]");
        assertThat(report.get("values").get(1).get(0).isNull()).isTrue();
        assertThat(report.get("values").get(1).get(1).asDouble()).isEqualTo(1e300);
        assertThat(report.get("values").get(0).get(1).asDouble()).isEqualTo(-2.25);

        JsonNode expected = report.get("expected");
        for (var it = expected.fields(); it.hasNext();) {
            var e = it.next();
            Table t = read(dir.resolve(e.getKey() + ".npy"));
            JsonNode values = e.getValue().get("values");
            assertThat(t.rowCount()).as(e.getKey()).isEqualTo(values.size());
            for (int r = 0; r < t.rowCount(); r++) {
                for (int col = 0; col < t.columnCount(); col++) {
                    JsonNode want = values.get(r).get(col);
                    Object got = t.get(r, col);
                    String where = e.getKey() + " (" + e.getValue().get("dtype").asText() + ") [" + r + "," + col + "]";
                    if (want.isNull()) {
                        assertThat(got).as(where).isNull();
                    } else if (want.isBoolean()) {
                        assertThat(got).as(where).isEqualTo(want.asBoolean());
                    } else if (want.isIntegralNumber()) {
                        assertThat(((Number) got).longValue()).as(where).isEqualTo(want.asLong());
                    } else {
                        assertThat(((Number) got).doubleValue()).as(where).isEqualTo(want.asDouble(),
                                org.assertj.core.data.Offset.offset(Math.abs(want.asDouble()) * 1e-6));
                    }
                }
            }
        }
    }

    @Test
    void badFilesAreDataFormatErrorsWithAnOffset() throws IOException {
        byte[] good;
        try (Catalog c = catalog()) {
            c.get("weights").write(MATRIX);
        }
        good = Files.readAllBytes(dir.resolve("out/weights.npy"));
        int headerLength = (good[8] & 0xFF) | (good[9] & 0xFF) << 8;
        String header = new String(good, 10, headerLength, StandardCharsets.ISO_8859_1).stripTrailing();
        assertThat(header).contains("(4, 3)");

        assertBad(java.util.Arrays.copyOf(good, good.length - 5), "end after");
        assertBad("garbage, not numpy at all".getBytes(StandardCharsets.US_ASCII), "magic");
        byte[] hugeHeader = good.clone();
        hugeHeader[6] = 2;
        hugeHeader[8] = 0;
        hugeHeader[9] = 0;
        hugeHeader[10] = 0;
        hugeHeader[11] = 0x7F;
        assertBad(hugeHeader, "claims");
        assertBad(withHeader(good, header.replace("(4, 3)", "(4, -3)")), "negative");
        assertBad(withHeader(good, header.replace("(4, 3)", "(2, 2, 3)")), "two dimensions");
        assertBad(withHeader(good, header.replace("(4, 3)", "(9223372036854775807, 3)")), "overflows");
        assertBad(withHeader(good, header.replace("'<f8'", "'<c8'")), "dtype");
        assertBad(withHeader(good, header.replace("(4, 3)", "(4000000, 3)")), "end after");
    }

    /** The file with another header dict, padded to the same length so the data stay where they are. */
    private static byte[] withHeader(byte[] file, String dict) {
        byte[] copy = file.clone();
        int length = (file[8] & 0xFF) | (file[9] & 0xFF) << 8;
        String padded = dict + " ".repeat(length - 1 - dict.length()) + "\n";
        byte[] h = padded.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(h, 0, copy, 10, h.length);
        return copy;
    }

    private void assertBad(byte[] bytes, String message) throws IOException {
        Path file = dir.resolve("bad.npy");
        Files.write(file, bytes);
        DataFormatException e = org.assertj.core.api.Assertions.catchThrowableOfType(DataFormatException.class,
                () -> read(file));
        assertThat(e).as("reading a file that should fail with '" + message + "'").isNotNull();
        assertThat(e.getMessage()).contains("bad.npy").contains(message);
        assertThat(e.byteOffset()).isPresent();
    }

    private static Table read(Path file) throws IOException {
        LocalCodecFiles files = LocalCodecFiles.plain("npy");
        try (var r = new NpyCodecFactory().create(Map.of()).openReader(List.of(files.source(file)))) {
            return r.readAll();
        }
    }

    @Test
    void theHeaderIsWhatNumpyWrites() throws IOException {
        byte[] h = NpyHeader.float64(4, 3);
        assertThat(h.length % 64).isZero();
        try (NpyCodec.NpyFileReader r = new NpyCodec.NpyFileReader(new ByteArrayInputStream(h),
                new Origin("x", URI.create("memory:/x")))) {
            assertThat(r.schema().size()).isEqualTo(3);
        }
    }
}
