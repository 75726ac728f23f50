package org.datahandle.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The VCF suite ({@code --suite=vcf}): a genotype-heavy file like a 1000 Genomes chromosome slice
 * (10,000 sites × 2,504 samples, GT only, BGZF with a tabix index) read into a {@code Table}, against
 * {@code bcftools view} decompressing and printing it and htsjdk's {@code VCFFileReader} decoding
 * every genotype; and a region query touching 1 % of the sites against the full read.
 */
final class VcfBench {
    static final int SITES = 10_000;
    static final int SAMPLES = 2_504;
    /** Sites are 150 bases apart on average: the middle 1 % of the file. */
    static final String REGION = "22:16800000-16815000";
    /**
     * Untimed runs per JVM before the timed ones. One is not enough on a loaded machine: the JIT's
     * compiler threads wait for a core like everything else, and a second run still partly in
     * interpreted code measured 2.5 × the steady state.
     */
    static final int WARMUPS = 3;

    private VcfBench() {}

    /** The data folder of the suite inside the work folder. */
    static Path file(Path work) {
        return work.resolve("vcf").resolve("chr22.vcf.bgz");
    }

    static void run(Path work, int iterations, java.util.Set<String> selected) throws Exception {
        Path file = ensure(work);
        String[][] rows = {
            {"vcf.dh", "DataHandle: read() into a Table (variants layout)", "-Xmx3g"},
            {"vcf.dh-jdk", "DataHandle: the same, JDK zlib instead of libdeflate (-Ddatahandle.deflate=jdk)", "-Xmx3g"},
            {"vcf.bcftools", "bcftools view (decompress, parse, print to /dev/null)", "-Xmx256m"},
            {"vcf.htsjdk", "htsjdk 4.3.0 VCFFileReader, every genotype decoded", "-Xmx3g"},
            {"vcfsites.dh", "DataHandle: layout sites (genotypes not parsed)", "-Xmx1g"},
            {"vcfregion.dh", "DataHandle: region " + REGION + " (1 % of the sites) through the .tbi", "-Xmx1g"},
        };
        // Interleaved rounds: on a shared machine the load changes by the minute, so every case gets a
        // JVM (two timed runs after the warm-ups) in each round, and the best over the rounds counts.
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Map<String, String[]> results = new LinkedHashMap<>();
        for (int round = 0; round < iterations; round++) {
            for (String[] r : rows) {
                if (selected.isEmpty() || selected.contains(r[0])) {
                    String[] res = Bench.fork(r[0], r[2], new DataGenerator.DataFiles(work), 2, WARMUPS, List.of());
                    String[] best = results.get(r[0]);
                    if (best == null || Long.parseLong(res[2]) < Long.parseLong(best[2])) {
                        results.put(r[0], res);
                    }
                }
            }
        }
        long bytes = Files.size(file);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "VCF: %,d sites x %,d samples, %,d bytes BGZF;"
                + " best of %d interleaved rounds (a JVM per case and round: %d warm-ups, 2 timed runs)%n%n", SITES, SAMPLES, bytes, iterations,
                WARMUPS));
        out.append("load average (/proc/loadavg) before: " + loadBefore + "; after: "
                + Files.readString(Path.of("/proc/loadavg")).trim() + "\n\n");
        out.append("| case | best s | CPU s of that run | records | peak heap MB | DataHandle ÷ this (time) |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        double ours = results.containsKey("vcf.dh") ? Long.parseLong(results.get("vcf.dh")[2]) / 1e9 : Double.NaN;
        for (String[] r : rows) {
            String[] res = results.get(r[0]);
            if (res == null) {
                continue;
            }
            double s = Long.parseLong(res[2]) / 1e9;
            String ratio = r[0].equals("vcf.bcftools") || r[0].equals("vcf.htsjdk")
                    ? String.format(Locale.ROOT, "%.2f", ours / s)
                    : r[0].equals("vcfregion.dh") || r[0].equals("vcfsites.dh")
                    ? String.format(Locale.ROOT, "%.3f of the full read", s / ours) : "";
            // the JVM's CPU plus that of the tool it ran (bcftools), both of the best run
            long cpuNanos = res.length > 7 ? Long.parseLong(res[7]) : -1;
            if (cpuNanos >= 0 && res.length > 8 && Long.parseLong(res[8]) > 0) {
                cpuNanos += Long.parseLong(res[8]);
            }
            String cpu = cpuNanos >= 0 ? String.format(Locale.ROOT, "%.2f", cpuNanos / 1e9) : "";
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %s | %s | %s |%n", r[1], s, cpu, res[6],
                    Long.parseLong(res[4]) < 0 ? "" : String.format(Locale.ROOT, "%.0f", Long.parseLong(res[4]) / 1e6),
                    ratio));
        }
        System.out.println();
        System.out.print(out);
        Files.writeString(work.resolve("results-vcf.md"), out);
    }

    /** Generates the file once per work folder: bgzip'd and indexed by the Debian tools, not by us. */
    static Path ensure(Path work) throws IOException, InterruptedException {
        Path file = file(work);
        if (Files.exists(file.resolveSibling(file.getFileName() + ".tbi"))) {
            writeWorkflows(file);
            return file;
        }
        Files.createDirectories(file.getParent());
        Path text = file.resolveSibling("chr22.vcf");
        System.out.println("generating " + SITES + " x " + SAMPLES + " VCF into " + file + " (once) ...");
        Random random = new Random(1);
        String[] gts = {"0|0", "0|0", "0|0", "0|0", "0|0", "0|0", "0|0", "0|0", "0|0", "0|0", "0|0", "0|0", "0|1",
            "1|0", "1|1", "0|0"};
        try (BufferedWriter w = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
            w.write("##fileformat=VCFv4.1\n##contig=<ID=22,length=51304566>\n"
                    + "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Alternate allele count\">\n"
                    + "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Alternate allele frequency\">\n"
                    + "##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Allele number\">\n"
                    + "##INFO=<ID=NS,Number=1,Type=Integer,Description=\"Samples with data\">\n"
                    + "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Total depth\">\n"
                    + "##INFO=<ID=VT,Number=.,Type=String,Description=\"Variant type\">\n"
                    + "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
                    + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
            for (int s = 0; s < SAMPLES; s++) {
                w.write(String.format(Locale.ROOT, "\tHG%05d", s));
            }
            w.write('\n');
            long pos = 16_050_000;
            StringBuilder line = new StringBuilder(SAMPLES * 4 + 200);
            for (int i = 0; i < SITES; i++) {
                pos += 1 + random.nextInt(299);
                line.setLength(0);
                int ac = 0;
                StringBuilder calls = new StringBuilder(SAMPLES * 4);
                for (int s = 0; s < SAMPLES; s++) {
                    String gt = gts[random.nextInt(gts.length)];
                    ac += (gt.charAt(0) - '0') + (gt.charAt(2) - '0');
                    calls.append('\t').append(gt);
                }
                line.append("22\t").append(pos).append("\trs").append(i).append("\tA\tG\t100\tPASS\tAC=").append(ac)
                        .append(";AF=").append(String.format(Locale.ROOT, "%.6f", ac / (2.0 * SAMPLES)))
                        .append(";AN=").append(2 * SAMPLES).append(";NS=").append(SAMPLES).append(";DP=")
                        .append(5000 + random.nextInt(20000)).append(";VT=SNP\tGT").append(calls).append('\n');
                w.write(line.toString());
            }
        }
        DataGenerator.sh(file, "bgzip", "-l", "6", "-c", text.toString());
        Files.delete(text);
        Process p = new ProcessBuilder("tabix", "-p", "vcf", file.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("tabix failed on " + file);
        }
        writeWorkflows(file);
        return file;
    }

    /**
     * One workflow per case: two handles of one catalog cannot own one file, so the whole read, the
     * sites layout and the region query each get a catalog of their own.
     */
    private static void writeWorkflows(Path file) throws IOException {
        Files.writeString(workflow(file, "chr22"), "chr22:\n  disk:\n    path: chr22.vcf.bgz\n");
        Files.writeString(workflow(file, "chr22sites"),
                "chr22sites:\n  disk:\n    path: chr22.vcf.bgz\n    options: {layout: sites}\n");
        Files.writeString(workflow(file, "chr22region"), "chr22region:\n  disk:\n    path: chr22.vcf.bgz\n"
                + "    options: {regions: ['" + REGION + "']}\n");
    }

    /** The workflow file holding just {@code handle}, beside the data. */
    static Path workflow(Path file, String handle) {
        return file.resolveSibling(handle + ".yaml");
    }
}
