package org.datahandle.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.datahandle.MemoryFormat;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.spi.FileFormat;
import org.datahandle.spi.Registry;
import org.junit.jupiter.api.Test;

class BuiltInFormatsTest {

    @Test
    void discoveredThroughServiceLoader() {
        Registry r = Registry.discover(getClass().getClassLoader());
        assertThat(r.format("tsv").orElseThrow().suffixes()).containsExactly(".tsv", ".tab");
        assertThat(r.format("jsonl").orElseThrow().suffixes()).containsExactly(".jsonl", ".ndjson");
        assertThat(r.format("json").orElseThrow().defaultMemory()).isEqualTo(MemoryFormat.OBJECT);
        FileFormat parquet = r.format("parquet").orElseThrow();
        assertThat(parquet.selfCompressed()).isTrue();
        assertThat(parquet.suffixes()).containsExactly(".parquet", ".pq");
        assertThat(r.formats()).extracting(FileFormat::name)
                .containsExactlyInAnyOrder("csv", "tsv", "json", "jsonl", "parquet", "vcf", "bed", "bim", "fam", "arrow",
                        "arrows", "npy");
        assertThat(r.codec("csv").orElseThrow()).isInstanceOf(CsvCodecFactory.class);
        assertThat(r.codec("tsv").orElseThrow()).isInstanceOf(TsvCodecFactory.class);
        assertThat(r.codec("parquet")).isEmpty();
        assertThatThrownBy(() -> r.requireCodec("vcf", "calls")).isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("format 'vcf'").hasMessageContaining("not yet available");
        assertThatThrownBy(() -> r.requireCodec("parquet", "scores"))
                .hasMessageContaining("org.datahandle:datahandle-formats-parquet");
        assertThat(parquet.matchesMagic("PAR1xyz".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 7)).isTrue();
    }
}
