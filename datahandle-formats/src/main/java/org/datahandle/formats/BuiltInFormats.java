package org.datahandle.formats;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.datahandle.MemoryFormat;
import org.datahandle.spi.FileFormat;
import org.datahandle.spi.FormatProvider;

/**
 * The disk formats DataHandle knows by name and suffix. A format is listed here whether or not a codec
 * for it exists yet, so handles of that format still work with external tools; {@link FileFormat#codecArtifact()}
 * says where the codec comes from, for the error raised when it is missing.
 */
public final class BuiltInFormats implements FormatProvider {
    private static final String FORMATS = "org.datahandle:datahandle-formats";

    @Override
    public List<FileFormat> formats() {
        return List.of(
                FileFormat.tabular("csv", FORMATS, ".csv"),
                FileFormat.tabular("tsv", FORMATS, ".tsv", ".tab"),
                new FileFormat("json", List.of(".json"), MemoryFormat.OBJECT, false,
                        Optional.of(FORMATS)),
                FileFormat.tabular("jsonl", FORMATS, ".jsonl", ".ndjson"),
                new FileFormat("parquet", List.of(".parquet", ".pq"), MemoryFormat.TABLE, true,
                        Optional.of("org.datahandle:datahandle-formats-parquet"))
                        .withMagic("PAR1".getBytes(StandardCharsets.US_ASCII)),
                FileFormat.tabular("vcf", "org.datahandle:datahandle-formats-vcf", ".vcf"),
                FileFormat.tabular("bed", notYet("datahandle-formats-plink"), ".bed"),
                FileFormat.tabular("bim", notYet("datahandle-formats-plink"), ".bim"),
                FileFormat.tabular("fam", notYet("datahandle-formats-plink"), ".fam"));
    }

    /** A codec artifact that does not exist yet, named so the "no codec" error reads right. */
    private static String notYet(String artifactId) {
        return "org.datahandle:" + artifactId + " (not yet available)";
    }
}
