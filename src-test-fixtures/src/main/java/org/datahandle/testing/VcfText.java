package org.datahandle.testing;

import java.util.List;

/** A small sorted VCF with two samples, as text: the file-system adapters' VCF tests write it. */
public final class VcfText {
    private VcfText() {}

    public static String of(List<String> contigs, int sitesPerContig) {
        StringBuilder b = new StringBuilder("##fileformat=VCFv4.2\n")
                .append("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n")
                .append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n")
                .append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\n");
        for (String c : contigs) {
            for (int i = 1; i <= sitesPerContig; i++) {
                b.append(c).append('\t').append(i * 97).append("\t.\tA\tG\t50\tPASS\tDP=").append(i).append("\tGT\t")
                        .append(i % 3 == 0 ? "0|1" : "0|0").append('\t').append(i % 5 == 0 ? "1|1" : "./.").append('\n');
            }
        }
        return b.toString();
    }
}
