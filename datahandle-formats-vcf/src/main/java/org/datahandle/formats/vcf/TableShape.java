package org.datahandle.formats.vcf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;

/**
 * What a read keeps of a header, after the options: which INFO and FORMAT fields, which samples
 * in which order, and the resulting {@link Schema} (with the header in its metadata).
 */
final class TableShape {
    /** Schema metadata key holding every {@code ##} header line, joined by {@code \n}. */
    static final String HEADER_KEY = "vcf.header";
    /** Schema metadata key holding the sample names of the table, joined by tabs. */
    static final String SAMPLES_KEY = "vcf.samples";
    /** Schema metadata key holding the layout the table was read in. */
    static final String LAYOUT_KEY = "vcf.layout";

    static final String GT = "GT";
    static final String PHASED = "phased";
    static final List<String> SITE_COLUMNS = List.of("chrom", "pos", "id", "ref", "alt", "qual", "filter");

    final VcfHeader header;
    final Layout layout;
    final List<FieldDef> info;
    /** FORMAT fields other than GT, in output order. */
    final List<FieldDef> format;
    final boolean gt;
    /** For each output sample, its index among the file's samples. */
    final int[] sampleColumns;
    final List<String> sampleNames;
    /** The parse schema: variants or sites, whatever the final layout (long and dosage are derived from it). */
    final Schema parseSchema;
    final Schema schema;
    final Map<String, Integer> infoIndex = new HashMap<>();
    final Map<String, Integer> formatIndex = new HashMap<>();

    TableShape(VcfHeader header, VcfOptions options, VcfErrors errors) {
        this.header = header;
        this.layout = options.layout();
        this.info = select("INFO", header.info(), options.infoFields().orElse(null), errors, null);
        List<String> wantedFormat = options.formatFields().orElse(null);
        if (layout == Layout.DOSAGE) {
            wantedFormat = List.of(GT);
        }
        boolean withSamples = layout != Layout.SITES && header.hasFormatColumn() && !header.samples().isEmpty();
        if (withSamples) {
            this.gt = wantedFormat == null || wantedFormat.contains(GT);
            List<String> others = wantedFormat == null ? null : wantedFormat.stream().filter(f -> !f.equals(GT)).toList();
            this.format = select("FORMAT", header.format(), others, errors, GT);
            List<String> names = options.samples().orElse(header.samples());
            sampleColumns = new int[names.size()];
            if (options.samples().isEmpty()) {
                // every sample in file order: no name to look up (2,504 of them in a 1000 Genomes file)
                Arrays.setAll(sampleColumns, i -> i);
            } else {
                Map<String, Integer> position = new HashMap<>(2 * header.samples().size());
                for (int i = 0; i < header.samples().size(); i++) {
                    position.put(header.samples().get(i), i);
                }
                for (int i = 0; i < names.size(); i++) {
                    Integer p = position.get(names.get(i));
                    if (p == null) {
                        throw errors.file("option 'samples' names '" + names.get(i) + "', which the file does not"
                                + " have; it has " + summary(header.samples()));
                    }
                    sampleColumns[i] = p;
                }
            }
            sampleNames = List.copyOf(names);
        } else {
            if (layout == Layout.DOSAGE || layout == Layout.LONG) {
                throw errors.file("layout '" + layout.optionValue() + "' needs genotypes, but the file has "
                        + (header.hasFormatColumn() ? "no samples" : "no FORMAT column"));
            }
            this.gt = false;
            this.format = List.of();
            sampleColumns = new int[0];
            sampleNames = List.of();
        }
        for (int i = 0; i < info.size(); i++) {
            infoIndex.put(info.get(i).id(), i);
        }
        for (int i = 0; i < format.size(); i++) {
            formatIndex.put(format.get(i).id(), i);
        }
        if (format.stream().anyMatch(f -> f.id().equals(PHASED))) {
            throw errors.file("FORMAT field 'phased' clashes with the genotype's phased flag; leave it out with"
                    + " option formatFields");
        }
        this.parseSchema = Schema.of(parseFields(withSamples));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(HEADER_KEY, String.join("\n", header.metaLines()));
        meta.put(SAMPLES_KEY, String.join("\t", sampleNames));
        meta.put(LAYOUT_KEY, layout.optionValue());
        this.schema = Schema.of(finalFields(errors)).withMetadata(meta);
    }

    boolean hasGenotypes() {
        return sampleColumns.length > 0;
    }

    private static List<FieldDef> select(String kind, Map<String, FieldDef> defs, List<String> wanted,
            VcfErrors errors, String implicit) {
        if (wanted == null) {
            return defs.values().stream().filter(d -> !d.id().equals(implicit)).toList();
        }
        List<FieldDef> out = new ArrayList<>();
        for (String id : wanted) {
            FieldDef d = defs.get(id);
            if (d == null) {
                throw errors.file("option '" + (kind.equals("INFO") ? "infoFields" : "formatFields") + "' names "
                        + kind + " '" + id + "', which the header does not define; it defines "
                        + summary(List.copyOf(defs.keySet())));
            }
            out.add(d);
        }
        return List.copyOf(out);
    }

    private static String summary(List<String> names) {
        return names.size() <= 20 ? names.toString() : names.subList(0, 20) + " and " + (names.size() - 20) + " more";
    }

    static DataType typeOf(FieldDef d) {
        return d.number().isScalar() ? d.type().dataType : DataType.listOf(d.type().dataType);
    }

    private List<Field> siteFields() {
        List<Field> f = new ArrayList<>();
        f.add(new Field("chrom", DataType.STRING, false));
        f.add(new Field("pos", DataType.INT64, false));
        f.add(Field.of("id", DataType.listOf(DataType.STRING)));
        f.add(new Field("ref", DataType.STRING, false));
        f.add(Field.of("alt", DataType.listOf(DataType.STRING)));
        f.add(Field.of("qual", DataType.FLOAT64));
        f.add(Field.of("filter", DataType.listOf(DataType.STRING)));
        if (!info.isEmpty()) {
            f.add(Field.of("info", infoType()));
        }
        return f;
    }

    DataType.Struct infoType() {
        List<Field> fields = new ArrayList<>();
        for (FieldDef d : info) {
            fields.add(d.type() == VcfType.FLAG ? new Field(d.id(), DataType.BOOLEAN, false) : Field.of(d.id(), typeOf(d)));
        }
        return DataType.struct(fields);
    }

    /** The per-sample fields: GT and phased first (when kept), then the FORMAT fields. */
    List<Field> genotypeFields() {
        List<Field> fields = new ArrayList<>();
        if (gt) {
            fields.add(Field.of(GT, DataType.listOf(DataType.INT32)));
            fields.add(Field.of(PHASED, DataType.BOOLEAN));
        }
        for (FieldDef d : format) {
            fields.add(Field.of(d.id(), typeOf(d)));
        }
        return fields;
    }

    private List<Field> parseFields(boolean withSamples) {
        List<Field> f = siteFields();
        if (withSamples) {
            f.add(Field.of("genotypes", DataType.listOf(DataType.struct(genotypeFields()))));
        }
        return f;
    }

    private List<Field> finalFields(VcfErrors errors) {
        return switch (layout) {
            case VARIANTS, SITES -> parseSchema.fields();
            case LONG -> {
                List<Field> f = siteFields();
                f.add(new Field("sample", DataType.STRING, false));
                for (Field g : genotypeFields()) {
                    if (f.stream().anyMatch(x -> x.name().equals(g.name()))) {
                        throw errors.file("FORMAT field '" + g.name() + "' clashes with a column of the long layout;"
                                + " leave it out with option formatFields");
                    }
                    f.add(g);
                }
                yield f;
            }
            case DOSAGE -> sampleNames.stream().map(s -> Field.of(s, DataType.FLOAT64)).toList();
        };
    }
}
