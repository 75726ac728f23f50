package org.datahandle.formats.vcf;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** A sorted, genotype-bearing VCF of a few contigs, as 1000 Genomes writes them. */
final class SyntheticVcf {
    private SyntheticVcf() {}

    static void write(Path file, List<String> contigs, int sitesPerContig, int samples, long seed) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        for (int s = 0; s < samples; s++) {
            names.add("S" + (s + 1));
        }
        write(file, contigs, sitesPerContig, names, seed);
    }

    static void write(Path file, List<String> contigs, int sitesPerContig, List<String> sampleNames, long seed)
            throws IOException {
        int samples = sampleNames.size();
        Random random = new Random(seed);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("##fileformat=VCFv4.2\n");
            for (String c : contigs) {
                w.write("##contig=<ID=" + c + ",length=250000000>\n");
            }
            w.write("##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Allele count\">\n");
            w.write("##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">\n");
            w.write("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
            w.write("##INFO=<ID=DB,Number=0,Type=Flag,Description=\"dbSNP\">\n");
            w.write("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
            w.write("##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
            w.write("##FORMAT=<ID=GQ,Number=1,Type=Integer,Description=\"Quality\">\n");
            w.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
            for (int s = 0; s < samples; s++) {
                w.write("\t" + sampleNames.get(s));
            }
            w.write('\n');
            String[] bases = {"A", "C", "G", "T"};
            for (String c : contigs) {
                long pos = 0;
                for (int i = 0; i < sitesPerContig; i++) {
                    pos += 1 + random.nextInt(400);
                    String ref = bases[random.nextInt(4)];
                    String alt = bases[(List.of(bases).indexOf(ref) + 1 + random.nextInt(3)) % 4];
                    StringBuilder line = new StringBuilder();
                    int ac = 0;
                    StringBuilder gts = new StringBuilder();
                    for (int s = 0; s < samples; s++) {
                        int r = random.nextInt(20);
                        String gt = r == 0 ? "./." : r < 12 ? "0|0" : r < 17 ? "0|1" : r < 19 ? "1|0" : "1|1";
                        ac += gt.equals("1|1") ? 2 : gt.contains("1") ? 1 : 0;
                        gts.append('\t').append(gt).append(':').append(random.nextInt(60)).append(':')
                                .append(random.nextInt(99));
                    }
                    line.append(c).append('\t').append(pos).append('\t').append(i % 3 == 0 ? "rs" + (1000 + i) : ".")
                            .append('\t').append(ref).append('\t').append(alt).append('\t')
                            .append(random.nextInt(1000) / 10.0).append('\t').append(i % 7 == 0 ? "q10" : "PASS")
                            .append("\tAC=").append(ac).append(";AF=").append(Math.round(ac * 1000.0 / (2 * samples)) / 1000.0)
                            .append(";DP=").append(random.nextInt(5000)).append(i % 5 == 0 ? ";DB" : "")
                            .append("\tGT:DP:GQ").append(gts).append('\n');
                    w.write(line.toString());
                }
            }
        }
    }
}
