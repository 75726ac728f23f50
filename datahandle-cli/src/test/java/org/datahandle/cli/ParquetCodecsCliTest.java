package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.datahandle.cli.CliProcess.Result;
import org.datahandle.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 point 4: Parquet files compressed with Hadoop-framed LZ4 (and a bare LZ4 block under
 * that codec name) read from the command line, as a separate process on the corpus files; a Brotli
 * file whose pages claim more than the heap can hold fails by name, not with an OutOfMemoryError.
 */
class ParquetCodecsCliTest {
    @TempDir
    Path dir;

    @Test
    void lz4CompressedFilesReadFromTheCommandLine() {
        Path corpus = TestData.assumeCorpus("parquet-testing");
        for (String name : new String[] {"hadoop_lz4_compressed.parquet", "non_hadoop_lz4_compressed.parquet"}) {
            Result r = CliProcess.run(dir, "head", corpus.resolve(name).toString(), "-n", "2", "--output", "json");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode rows = r.json().get("rows");
            assertThat(rows).as(name).hasSize(2);
            assertThat(rows.get(0).get("c0").asLong()).as(name).isEqualTo(1593604800L);
            assertThat(rows.get(1).get("v11").asDouble()).as(name).isEqualTo(7.7);
        }
        Result larger = CliProcess.run(dir, "head", corpus.resolve("hadoop_lz4_compressed_larger.parquet").toString(),
                "-n", "1", "--output", "json");
        assertThat(larger.exitCode()).as(larger.toString()).isZero();
        assertThat(larger.json().get("rows").get(0).get("a").asText()).isEqualTo("c7ce6bef-d5b0-4863-b199-8ea8c7fb117b");
    }

    @Test
    void aBrotliFileClaimingGigabytesFailsByName() {
        Path file = TestData.assumeCorpus("parquet-testing").resolve("large_string_map.brotli.parquet");
        Result r = CliProcess.run(dir, "head", file.toString(), "-n", "1");
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.err()).contains("large_string_map.brotli.parquet").contains("BROTLI page claims")
                .doesNotContain("OutOfMemoryError");
    }
}
