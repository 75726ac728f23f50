package org.datahandle.formats.vcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Table;

/**
 * Compares a table read by the codec with what {@code bcftools query} prints for the same file:
 * site columns, every INFO field of the table and, per sample, GT and every FORMAT field. Numbers
 * are compared as numbers (bcftools holds floats in 32 bits), text exactly.
 */
final class Oracle {
    private Oracle() {}

    /**
     * A copy bcftools can read: decompressed, trailing tabs removed (htsjdk's and dbSNP's headers
     * end the #CHROM line with a tab, which htslib takes for an empty sample name).
     */
    static Path bcftoolsReadable(Path file, Path dir) throws IOException {
        byte[] bytes;
        try (InputStream in = file.toString().endsWith(".bgz") || file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        }
        String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\t+(\r?\n)", "$1");
        Path copy = dir.resolve(file.getFileName().toString().replace(".bgz", ""));
        Files.writeString(copy, text);
        return copy;
    }

    /** Asserts the table agrees with {@code bcftools query} on {@code file}. */
    static void assertAgrees(Table t, Path file, List<String> samples) {
        StringBuilder format = new StringBuilder("%CHROM\\t%POS\\t%ID\\t%REF\\t%ALT\\t%QUAL\\t%FILTER");
        List<Field> info = t.schema().field("info").map(f -> ((DataType.Struct) f.type()).fields()).orElse(List.of());
        for (Field f : info) {
            format.append("\\t%INFO/").append(f.name());
        }
        List<Field> perSample = t.schema().field("genotypes")
                .map(f -> ((DataType.Struct) ((DataType.ListOf) f.type()).element()).fields()).orElse(List.of());
        if (!header(file).contains("##FORMAT=<ID=GT,")) {
            // bcftools refuses %GT when the header does not define it; compare the other fields
            perSample = perSample.stream().filter(f -> !f.name().equals("GT") && !f.name().equals("phased")).toList();
        }
        if (!perSample.isEmpty()) {
            format.append("[");
            for (Field f : perSample) {
                if (!f.name().equals("phased")) {
                    format.append("\\t%").append(f.name());
                }
            }
            format.append("]");
        }
        format.append("\\n");
        List<String> lines = Vcf.run(file.getParent(), "bcftools", "query", "-f",
                format.toString().replace("\\t", "\t").replace("\\n", "\n"), file.toString());
        assertThat(lines).as("records of " + file).hasSize(t.rowCount());
        List<Map<String, Object>> rows = t.toRows();
        for (int r = 0; r < t.rowCount(); r++) {
            String[] expected = lines.get(r).split("\t", -1);
            Map<String, Object> row = rows.get(r);
            List<String> actual = new ArrayList<>();
            actual.add((String) row.get("chrom"));
            actual.add(row.get("pos").toString());
            actual.add(joined(row.get("id"), ";"));
            actual.add((String) row.get("ref"));
            actual.add(joined(row.get("alt"), ","));
            actual.add(row.get("qual") == null ? "." : row.get("qual").toString());
            actual.add(joined(row.get("filter"), ";"));
            @SuppressWarnings("unchecked")
            Map<String, Object> infoValues = (Map<String, Object>) row.get("info");
            for (Field f : info) {
                Object v = infoValues.get(f.name());
                if (v instanceof Boolean b) {
                    // bcftools prints a set flag's value: 1, or the 0 of htsjdk's DB=0 (which we read as false)
                    actual.add(b ? "1" : expected[actual.size()].equals("0") ? "0" : ".");
                } else if (v == null && f.type() != DataType.BOOLEAN && expected[actual.size()].equals("1")
                        && !lines.get(r).isEmpty() && bareKey(file, r, f.name())) {
                    // htslib reads a bare non-Flag key (ex2.vcf's HOMSEQ) as 1; we read it as present but missing
                    actual.add("1");
                } else {
                    actual.add(text(v));
                }
            }
            if (!perSample.isEmpty()) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> gts = (List<Map<String, Object>>) row.get("genotypes");
                assertThat(gts).hasSize(samples.size());
                for (Map<String, Object> g : gts) {
                    for (Field f : perSample) {
                        if (f.name().equals("GT")) {
                            actual.add(gt(g));
                        } else if (!f.name().equals("phased")) {
                            actual.add(text(g.get(f.name())));
                        }
                    }
                }
            }
            assertThat(actual).as("fields of record " + (r + 1) + " of " + file).hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                if (!same(expected[i], actual.get(i))) {
                    fail("record " + (r + 1) + " of " + file + ", field " + (i + 1) + ": bcftools says '" + expected[i]
                            + "', we read '" + actual.get(i) + "'\nbcftools: " + lines.get(r) + "\nours:     "
                            + String.join("\t", actual));
                }
            }
        }
    }

    /** The lines of a VCF, decompressed when it is gzip or BGZF. */
    static List<String> textLines(Path file) throws IOException {
        try (InputStream in = file.toString().endsWith("gz") ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    private static String header(Path file) {
        try {
            return String.join("\n", textLines(file).stream().takeWhile(l -> l.startsWith("#")).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether record {@code r} of the file has {@code key} in its INFO without a value. */
    private static boolean bareKey(Path file, int r, String key) {
        try {
            List<String> records = textLines(file).stream().filter(l -> !l.startsWith("#")).toList();
            return List.of(records.get(r).split("\t")[7].split(";")).contains(key);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String gt(Map<String, Object> g) {
        Object alleles = g.get("GT");
        if (alleles == null) {
            return ".";
        }
        List<?> list = (List<?>) alleles;
        String sep = Boolean.TRUE.equals(g.get("phased")) ? "|" : "/";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            b.append(i > 0 ? sep : "").append(list.get(i) == null ? "." : list.get(i));
        }
        return b.toString();
    }

    private static String joined(Object v, String sep) {
        if (v == null || ((List<?>) v).isEmpty()) {
            return ".";
        }
        List<String> parts = new ArrayList<>();
        for (Object o : (List<?>) v) {
            parts.add(o == null ? "." : o.toString());
        }
        return String.join(sep, parts);
    }

    private static String text(Object v) {
        if (v == null) {
            return ".";
        }
        if (v instanceof List<?> list) {
            return joined(list, ",");
        }
        return v.toString();
    }

    /** Equal as text, or as comma-separated numbers within bcftools' 32-bit float precision. */
    static boolean same(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        String[] e = expected.split(",", -1);
        String[] a = actual.split(",", -1);
        if (e.length != a.length) {
            return false;
        }
        for (int i = 0; i < e.length; i++) {
            if (e[i].equals(a[i])) {
                continue;
            }
            try {
                double x = Double.parseDouble(e[i]);
                double y = Double.parseDouble(a[i]);
                if (Double.isNaN(x) && Double.isNaN(y) || x == y) {
                    continue;
                }
                if (Math.abs(x - y) > 1e-5 * Math.max(1, Math.abs(x))) {
                    return false;
                }
            } catch (NumberFormatException ex) {
                return false;
            }
        }
        return true;
    }
}
