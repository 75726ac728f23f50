package org.datahandle.formats.vcf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of one VCF file: its {@code ##} meta lines (kept verbatim), the INFO and FORMAT
 * definitions that type the columns, and the sample names of the {@code #CHROM} line.
 *
 * @param metaLines every {@code ##} line, in order, without the line break
 * @param info INFO definitions by ID, in header order
 * @param format FORMAT definitions by ID, in header order
 * @param samples sample names, in column order
 * @param hasFormatColumn whether the {@code #CHROM} line has a FORMAT column
 * @param lines the number of header lines, {@code #CHROM} included
 */
record VcfHeader(List<String> metaLines, Map<String, FieldDef> info, Map<String, FieldDef> format,
        List<String> samples, boolean hasFormatColumn, long lines) {

    static final String[] FIXED_COLUMNS = {"#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"};
    private static final Pattern FILEFORMAT = Pattern.compile("##fileformat=VCFv4\\.([0-5])");
    /** The GT key needs no definition: every reader knows it. */
    static final FieldDef IMPLICIT_GT = new FieldDef("GT", VcfNumber.ONE, VcfType.STRING, 0);

    VcfHeader {
        metaLines = List.copyOf(metaLines);
        info = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(info));
        format = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(format));
        samples = List.copyOf(samples);
    }

    /**
     * Reads the header, leaving {@code lines} on the {@code #CHROM} line.
     *
     * @param lenient accept a file without a {@code ##fileformat} line
     * @throws org.datahandle.DataFormatException naming the line for any violation
     */
    static VcfHeader read(LineReader lines, VcfErrors errors, boolean lenient) throws IOException {
        List<String> meta = new ArrayList<>();
        Map<String, FieldDef> info = new LinkedHashMap<>();
        Map<String, FieldDef> format = new LinkedHashMap<>();
        boolean first = true;
        while (lines.next()) {
            long n = lines.lineNumber();
            if (first) {
                first = false;
                String head = lines.end() - lines.start() > 200 ? new String(lines.buffer(), lines.start(), 200,
                        java.nio.charset.StandardCharsets.ISO_8859_1) : lines.text();
                if (head.startsWith("##fileformat=")) {
                    Matcher m = FILEFORMAT.matcher(head);
                    if (!m.matches()) {
                        throw errors.at(n, "unsupported " + head.substring(2) + "; this codec reads VCFv4.0 to VCFv4.5");
                    }
                } else if (!lenient || !head.startsWith("#")) {
                    throw errors.at(n, "not a VCF file: the first line must be '##fileformat=VCFv4.x', found '"
                            + printable(head) + "'" + (head.startsWith("#") ? " (option lenient accepts a file"
                            + " without it)" : ""));
                }
            }
            if (lines.startsWith("##")) {
                String line = lines.text();
                meta.add(line);
                if (line.startsWith("##INFO=")) {
                    define(info, "INFO", parseDefinition(line, "##INFO=", n, errors), errors);
                } else if (line.startsWith("##FORMAT=")) {
                    FieldDef def = parseDefinition(line, "##FORMAT=", n, errors);
                    if (def.type() == VcfType.FLAG) {
                        throw errors.at(n, "FORMAT " + def.id() + " has Type=Flag, which VCF allows only in INFO");
                    }
                    define(format, "FORMAT", def, errors);
                }
                continue;
            }
            if (lines.startsWith("#CHROM")) {
                return columns(lines.text(), n, meta, info, format, errors);
            }
            throw errors.at(n, "missing '#CHROM' header line: found "
                    + (lines.startsWith("#") ? "'" + printable(lines.text()) + "'" : "a data line") + " before it");
        }
        throw errors.at(lines.lineNumber() + 1, "missing '#CHROM' header line: the file ends after "
                + lines.lineNumber() + " header lines");
    }

    private static VcfHeader columns(String line, long n, List<String> meta, Map<String, FieldDef> info,
            Map<String, FieldDef> format, VcfErrors errors) {
        String[] cols = line.split("\t", -1);
        int count = cols.length;
        // trailing tabs (htsjdk's HiSeq file, dbSNP's) make empty columns that no tool means as samples
        while (count > FIXED_COLUMNS.length && cols[count - 1].isEmpty()) {
            count--;
        }
        if (count < FIXED_COLUMNS.length) {
            throw errors.at(n, "the #CHROM line has " + count + " tab-separated columns, VCF needs at least 8 ("
                    + String.join(" ", FIXED_COLUMNS) + ")");
        }
        for (int i = 0; i < FIXED_COLUMNS.length; i++) {
            if (!cols[i].equals(FIXED_COLUMNS[i])) {
                throw errors.at(n, "column " + (i + 1) + " of the #CHROM line is '" + printable(cols[i])
                        + "', expected '" + FIXED_COLUMNS[i] + "'");
            }
        }
        boolean hasFormat = count > FIXED_COLUMNS.length;
        if (hasFormat && !cols[8].equals("FORMAT")) {
            throw errors.at(n, "column 9 of the #CHROM line is '" + printable(cols[8]) + "', expected 'FORMAT'");
        }
        List<String> samples = new ArrayList<>(Math.max(0, count - 9));
        Set<String> seen = new HashSet<>(Math.max(16, 2 * (count - 9)));
        for (int i = 9; i < count; i++) {
            if (cols[i].isEmpty()) {
                throw errors.at(n, "sample column " + (i + 1) + " of the #CHROM line has an empty name");
            }
            if (!seen.add(cols[i])) {
                throw errors.at(n, "sample '" + cols[i] + "' appears twice in the #CHROM line");
            }
            samples.add(cols[i]);
        }
        return new VcfHeader(meta, info, format, samples, hasFormat, n);
    }

    private static void define(Map<String, FieldDef> defs, String kind, FieldDef def, VcfErrors errors) {
        FieldDef previous = defs.get(def.id());
        if (previous == null) {
            defs.put(def.id(), def);
        } else if (!previous.sameShape(def)) {
            throw errors.at(def.line(), kind + " " + def.id() + " is defined again as " + def.describe()
                    + ", but line " + previous.line() + " defined it as " + previous.describe());
        }
    }

    /** Parses {@code ##INFO=<ID=..,Number=..,Type=..,Description="..">}. */
    static FieldDef parseDefinition(String line, String prefix, long n, VcfErrors errors) {
        String kind = prefix.substring(2, prefix.length() - 1);
        if (!line.startsWith(prefix + "<") || !line.endsWith(">")) {
            throw errors.at(n, kind + " definition is not of the form " + prefix + "<ID=...>");
        }
        Map<String, String> pairs = pairs(line.substring(prefix.length() + 1, line.length() - 1), n, errors);
        String id = pairs.get("ID");
        if (id == null || id.isEmpty()) {
            throw errors.at(n, kind + " definition has no ID");
        }
        String numberText = pairs.get("Number");
        String typeText = pairs.get("Type");
        if (typeText == null) {
            throw errors.at(n, kind + " " + id + " has no Type");
        }
        VcfType type = VcfType.parse(typeText).orElseThrow(() -> errors.at(n, kind + " " + id + " has Type="
                + typeText + "; types are Integer, Float, Flag, Character, String"));
        if (numberText == null) {
            throw errors.at(n, kind + " " + id + " has no Number");
        }
        VcfNumber number = VcfNumber.parse(numberText);
        if (number == null) {
            throw errors.at(n, kind + " " + id + " has Number=" + numberText
                    + "; a Number is a count, A, R, G or '.'");
        }
        if (type == VcfType.FLAG) {
            number = VcfNumber.ZERO;
        }
        return new FieldDef(id, number, type, n);
    }

    /** Key=value pairs separated by commas; values may be double-quoted with backslash escapes. */
    private static Map<String, String> pairs(String body, long n, VcfErrors errors) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        while (i < body.length()) {
            int eq = body.indexOf('=', i);
            if (eq < 0) {
                throw errors.at(n, "definition field '" + printable(body.substring(i)) + "' has no '='");
            }
            String key = body.substring(i, eq).trim();
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < body.length() && body.charAt(j) == '"') {
                j++;
                boolean closed = false;
                while (j < body.length()) {
                    char c = body.charAt(j++);
                    if (c == '\\' && j < body.length()) {
                        value.append(body.charAt(j++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw errors.at(n, "unterminated quoted value of '" + key + "'");
                }
                while (j < body.length() && body.charAt(j) != ',') {
                    j++;
                }
            } else {
                while (j < body.length() && body.charAt(j) != ',') {
                    value.append(body.charAt(j++));
                }
            }
            pairs.putIfAbsent(key, value.toString());
            i = j + 1;
        }
        return pairs;
    }

    /** The {@code ##fileformat} line's version, if the header has one. */
    Optional<String> fileformat() {
        return metaLines.stream().filter(l -> l.startsWith("##fileformat=")).findFirst()
                .map(l -> l.substring("##fileformat=".length()));
    }

    /** INFO or FORMAT definition, GT included implicitly. */
    Optional<FieldDef> formatDef(String id) {
        FieldDef d = format.get(id);
        return d != null ? Optional.of(d) : id.equals("GT") ? Optional.of(IMPLICIT_GT) : Optional.empty();
    }

    /**
     * What makes two parts of one handle disagree (samples and their order, INFO and FORMAT
     * definitions), or empty when they agree.
     */
    Optional<String> disagreement(VcfHeader other) {
        if (!samples.equals(other.samples)) {
            if (samples.size() != other.samples.size()) {
                return Optional.of("they have " + samples.size() + " and " + other.samples.size() + " samples");
            }
            for (int i = 0; i < samples.size(); i++) {
                if (!samples.get(i).equals(other.samples.get(i))) {
                    return Optional.of("sample column " + (i + 1) + " is '" + samples.get(i) + "' in one and '"
                            + other.samples.get(i) + "' in the other"
                            + (other.samples.contains(samples.get(i)) ? " (same samples in another order)" : ""));
                }
            }
        }
        Optional<String> d = differs("INFO", info, other.info);
        return d.isPresent() ? d : differs("FORMAT", format, other.format);
    }

    private static Optional<String> differs(String kind, Map<String, FieldDef> a, Map<String, FieldDef> b) {
        for (FieldDef d : a.values()) {
            FieldDef o = b.get(d.id());
            if (o == null) {
                return Optional.of(kind + " " + d.id() + " is defined only in the first (line " + d.line() + ")");
            }
            if (!o.sameShape(d)) {
                return Optional.of(kind + " " + d.id() + " is " + d.describe() + " in one and " + o.describe()
                        + " in the other");
            }
        }
        for (FieldDef o : b.values()) {
            if (!a.containsKey(o.id())) {
                return Optional.of(kind + " " + o.id() + " is defined only in the second (line " + o.line() + ")");
            }
        }
        return Optional.empty();
    }

    static String printable(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder b = new StringBuilder();
        for (char c : t.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
