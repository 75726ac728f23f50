package org.datahandle.formats.vcf;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;

/**
 * The codec of format {@code vcf} (VCF 4.0-4.5 text; plain, {@code gz} or {@code bgz}). See
 * {@code docs/formats-vcf.md} for the table layouts and options:
 * <ul>
 *   <li>{@code layout}: {@code variants} (default: one row per record, {@code info} struct,
 *       {@code genotypes} list of per-sample structs), {@code sites} (no genotypes),
 *       {@code long} (one row per record and sample), {@code dosage} (one float64 column per
 *       sample: the alt-allele dosage, what the {@code matrix} memory format turns into
 *       {@code double[][]});
 *   <li>{@code samples}, {@code infoFields}, {@code formatFields}: keep only these, in this order;
 *   <li>{@code regions}: {@code [chr20:1-1000000, ...]}, read through the {@code .tbi}/{@code .csi}
 *       index beside each file (a full scan with a warning when there is none);
 *   <li>{@code lenient}: skip INFO/FORMAT keys the header does not define (with one warning per key)
 *       and accept a file without {@code ##fileformat};
 *   <li>{@code index}: write a {@code .tbi} beside each BGZF file (default true);
 *   <li>{@code batchRows}: rows per streamed batch (default 4096).
 * </ul>
 */
public final class VcfCodecFactory implements CodecFactory {
    /** The format name, as registered by the built-in formats. */
    public static final String FORMAT = "vcf";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Set<String> optionNames() {
        return VcfOptions.NAMES;
    }

    @Override
    public Codec create(Map<String, Object> options) {
        return new VcfCodec(VcfOptions.parse(options));
    }
}
