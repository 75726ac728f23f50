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
    private static final String ARROW = "org.datahandle:datahandle-formats-arrow";

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
                // Arrow IPC: the file format (also Feather v2) is mappable and compresses itself if asked to;
                // the stream format has no magic and may take an outer compression.
                new FileFormat("arrow", List.of(".arrow", ".feather", ".ipc"), MemoryFormat.TABLE, true,
                        Optional.of(ARROW)).withMagic("ARROW1".getBytes(StandardCharsets.US_ASCII)),
                FileFormat.tabular("arrows", ARROW, ".arrows"),
                // NumPy arrays, the matrix memory form (double[][]) on disk; mappable with numpy.load(mmap_mode='r')
                new FileFormat("npy", List.of(".npy"), MemoryFormat.MATRIX, false, Optional.of(ARROW))
                        .withMagic(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}),
                FileFormat.tabular("vcf", notYet("datahandle-formats-vcf"), ".vcf"),
                FileFormat.tabular("bed", notYet("datahandle-formats-plink"), ".bed"),
                FileFormat.tabular("bim", notYet("datahandle-formats-plink"), ".bim"),
                FileFormat.tabular("fam", notYet("datahandle-formats-plink"), ".fam"));
    }

    /** A codec artifact that does not exist yet, named so the "no codec" error reads right. */
    private static String notYet(String artifactId) {
        return "org.datahandle:" + artifactId + " (not yet available)";
    }
}
