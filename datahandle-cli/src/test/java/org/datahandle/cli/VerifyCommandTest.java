package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.datahandle.cli.CliProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahandle verify [--adopt]}, as a separate process. */
class VerifyCommandTest {
    @TempDir
    Path dir;

    private static String result(JsonNode handles, String id) {
        for (JsonNode h : handles) {
            if (h.get("id").asText().equals(id)) {
                return h.get("result").asText();
            }
        }
        throw new AssertionError("no handle " + id + " in " + handles);
    }

    @Test
    void checksContentAdoptsOnlyWhenAskedAndCatchesSameSizeSameTimeReplacement() throws IOException {
        Path wf = Workflows.standard(dir);
        Result converted = CliProcess.run(dir, "convert", "--progress=none", wf.toString(), "samples", "summary");
        assertThat(converted.exitCode()).as(converted.toString()).isZero();

        JsonNode first = CliProcess.run(dir, "verify", "--json", wf.toString()).json().get("handles");
        assertThat(result(first, "summary")).isEqualTo("ok");
        assertThat(result(first, "samples")).isEqualTo("no record");
        assertThat(Files.exists(dir.resolve("data/.samples.csv.gz.datahandle.json"))).isFalse();

        Result adopted = CliProcess.run(dir, "verify", "--adopt", "--json", wf.toString());
        assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
        assertThat(result(adopted.json().get("handles"), "samples")).isEqualTo("adopted");
        assertThat(result(CliProcess.run(dir, "verify", "--json", wf.toString()).json().get("handles"), "samples"))
                .isEqualTo("ok");

        // same size, same time, other content: status cannot see it, verify does
        Path out = dir.resolve("out/summary.tsv.gz");
        byte[] bytes = Files.readAllBytes(out);
        FileTime time = Files.getLastModifiedTime(out);
        bytes[bytes.length - 5] ^= 0x55;
        Files.write(out, bytes);
        Files.setLastModifiedTime(out, time);
        Result after = CliProcess.run(dir, "verify", wf.toString());
        assertThat(after.exitCode()).as(after.toString()).isEqualTo(5);
        assertThat(after.out()).contains("summary").contains("mismatch").contains("other content");
    }

    @Test
    void aTouchedOutputIsOkAndItsRecordIsRefreshed() throws IOException {
        Path wf = Workflows.standard(dir);
        assertThat(CliProcess.run(dir, "convert", "--progress=none", wf.toString(), "samples", "summary").exitCode())
                .isZero();
        Path out = dir.resolve("out/summary.tsv.gz");
        Path record = dir.resolve("out/.summary.tsv.gz.datahandle.json");
        String before = Files.readString(record);
        Files.setLastModifiedTime(out, FileTime.fromMillis(Files.getLastModifiedTime(out).toMillis() + 120_000));
        Result r = CliProcess.run(dir, "verify", "--json", wf.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(result(r.json().get("handles"), "summary")).isEqualTo("ok");
        assertThat(Files.readString(record)).isNotEqualTo(before)
                .contains("\"modified\" : " + Files.getLastModifiedTime(out).toMillis());
    }
}
