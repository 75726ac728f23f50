package org.datahandle.bench;

import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import java.nio.file.Path;

/**
 * The htsjdk peer: its {@code VCFFileReader} (LGPL code, so in the unpublished benchmark module
 * only), every record's genotypes decoded (htsjdk decodes them lazily, so touching each call is
 * what makes the work comparable to reading them into a table).
 */
final class HtsjdkPeer {
    private HtsjdkPeer() {}

    static long read(Path file) {
        long records = 0;
        long alleles = 0;
        try (VCFFileReader reader = new VCFFileReader(file, false)) {
            for (VariantContext vc : reader) {
                for (Genotype g : vc.getGenotypes()) {
                    alleles += g.getPloidy() + (g.isPhased() ? 1 : 0);
                }
                records++;
            }
        }
        return alleles > 0 ? records : -1;
    }
}
