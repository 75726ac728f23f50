package org.datahandle.formats.vcf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datahandle.DataFormatException;
import org.datahandle.formats.compress.BgzfCodec;
import org.datahandle.formats.compress.BgzfPositions;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.ListColumn;
import org.datahandle.table.Schema;
import org.datahandle.table.StructColumn;
import org.datahandle.table.Table;

/**
 * Writes a table in the {@code variants} or {@code sites} layout as VCF text. The header comes
 * from the schema's {@code vcf.header} metadata (a table read from VCF, or from Parquet written
 * from one), completed with definitions for any INFO/FORMAT field it lacks; without metadata it is
 * built from the column types. When the stream is BGZF and option {@code index} is on, records
 * must be sorted (each contig together, positions not decreasing) and a {@code .tbi} is written
 * beside the file, published with it.
 */
final class VcfTableWriter implements org.datahandle.spi.TableWriter {
    private final WriteTarget target;
    private final Schema schema;
    private final VcfErrors errors;
    private final OutputStream out;
    private final BgzfPositions positions;
    private final TabixIndex.Builder index;
    private final byte[] scratch = new byte[0];
    private final StringBuilder line = new StringBuilder(1024);
    private final int chromCol;
    private final int posCol;
    private final int idCol;
    private final int refCol;
    private final int altCol;
    private final int qualCol;
    private final int filterCol;
    private final int infoCol;
    private final int genotypesCol;
    private final int sampleCount;
    private long lineNumber;
    private final Set<String> finishedContigs = new LinkedHashSet<>();
    private String lastContig;

    private VcfTableWriter(WriteTarget target, Schema schema, OutputStream raw, VcfOptions options) {
        this.target = target;
        this.schema = schema;
        this.errors = new VcfErrors(target.handleId(), target.location());
        String layout = schema.metadata().getOrDefault(TableShape.LAYOUT_KEY, "");
        if (layout.equals("long") || layout.equals("dosage") || schema.indexOf("sample").isPresent()
                && schema.indexOf("genotypes").isEmpty()) {
            throw errors.file("cannot write a table in the '" + (layout.isEmpty() ? "long" : layout) + "' layout as"
                    + " VCF; write one read with layout variants (or sites)");
        }
        this.chromCol = require("chrom", DataType.STRING);
        this.posCol = schema.indexOf("pos").orElseThrow(() -> missing("pos"));
        this.refCol = require("ref", DataType.STRING);
        this.idCol = schema.indexOf("id").orElse(-1);
        this.altCol = schema.indexOf("alt").orElse(-1);
        this.qualCol = schema.indexOf("qual").orElse(-1);
        this.filterCol = schema.indexOf("filter").orElse(-1);
        this.infoCol = schema.indexOf("info").orElse(-1);
        this.genotypesCol = schema.indexOf("genotypes").orElse(-1);
        if (infoCol >= 0 && !(schema.field(infoCol).type() instanceof DataType.Struct)) {
            throw errors.file("column 'info' must be a struct of INFO fields, but is " + schema.field(infoCol).type());
        }
        if (genotypesCol >= 0 && !(schema.field(genotypesCol).type() instanceof DataType.ListOf l
                && l.element() instanceof DataType.Struct)) {
            throw errors.file("column 'genotypes' must be a list of structs (one per sample), but is "
                    + schema.field(genotypesCol).type());
        }
        this.sampleCount = genotypesCol < 0 ? 0 : samples().size();
        this.positions = options.index() && raw instanceof BgzfPositions p ? p : null;
        this.index = positions != null ? new TabixIndex.Builder() : null;
        this.out = positions != null ? raw : new BufferedOutputStream(raw, 1 << 16);
    }

    static VcfTableWriter open(WriteTarget target, Schema schema, VcfOptions options) throws IOException {
        OutputStream raw = target.open();
        try {
            VcfTableWriter w = new VcfTableWriter(target, schema, raw, options);
            w.writeHeader();
            return w;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private int require(String name, DataType type) {
        int i = schema.indexOf(name).orElseThrow(() -> missing(name));
        if (!schema.field(i).type().equals(type)) {
            throw errors.file("column '" + name + "' must be " + type + " to write VCF, but is " + schema.field(i).type());
        }
        return i;
    }

    private DataFormatException missing(String name) {
        return errors.file("cannot write VCF: the table has no '" + name + "' column; columns are " + schema.names());
    }

    private List<String> samples() {
        String names = schema.metadata().get(TableShape.SAMPLES_KEY);
        if (names == null || names.isEmpty()) {
            throw errors.file("cannot write genotypes: the sample names are not in the schema's metadata '"
                    + TableShape.SAMPLES_KEY + "' (tab-separated), as a VCF read gives them");
        }
        return List.of(names.split("\t", -1));
    }

    private void writeHeader() throws IOException {
        List<String> lines = new ArrayList<>();
        String kept = schema.metadata().get(TableShape.HEADER_KEY);
        Set<String> infoDefined = new LinkedHashSet<>();
        Set<String> formatDefined = new LinkedHashSet<>();
        if (kept != null && !kept.isEmpty()) {
            for (String l : kept.split("\n", -1)) {
                if (!l.startsWith("##")) {
                    throw errors.file("schema metadata '" + TableShape.HEADER_KEY + "' holds a line that is not a"
                            + " ## header line: '" + VcfHeader.printable(l) + "'");
                }
                lines.add(l);
                idOf(l, "##INFO=<ID=").ifPresent(infoDefined::add);
                idOf(l, "##FORMAT=<ID=").ifPresent(formatDefined::add);
            }
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("##fileformat=")) {
            lines.add(0, "##fileformat=VCFv4.3");
        }
        if (infoCol >= 0) {
            for (Field f : ((DataType.Struct) schema.field(infoCol).type()).fields()) {
                if (!infoDefined.contains(f.name())) {
                    lines.add(definition("INFO", f));
                }
            }
        }
        if (genotypesCol >= 0) {
            DataType.Struct s = (DataType.Struct) ((DataType.ListOf) schema.field(genotypesCol).type()).element();
            for (Field f : s.fields()) {
                if (f.name().equals(TableShape.PHASED)) {
                    continue;
                }
                if (!formatDefined.contains(f.name())) {
                    lines.add(f.name().equals(TableShape.GT)
                            ? "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">" : definition("FORMAT", f));
                }
            }
        }
        StringBuilder h = new StringBuilder();
        for (String l : lines) {
            h.append(l).append('\n');
        }
        h.append(String.join("\t", VcfHeader.FIXED_COLUMNS));
        if (genotypesCol >= 0) {
            h.append("\tFORMAT");
            for (String s : samples()) {
                h.append('\t').append(s);
            }
        }
        h.append('\n');
        byte[] bytes = h.toString().getBytes(StandardCharsets.UTF_8);
        lineNumber = lines.size() + 1;
        out.write(bytes);
    }

    private static Optional<String> idOf(String line, String prefix) {
        if (!line.startsWith(prefix)) {
            return Optional.empty();
        }
        int end = line.indexOf(',', prefix.length());
        int gt = line.indexOf('>', prefix.length());
        if (end < 0 || gt >= 0 && gt < end) {
            end = gt;
        }
        return end < 0 ? Optional.empty() : Optional.of(line.substring(prefix.length(), end));
    }

    /** A definition for a column that the kept header lacks, from its type. */
    private String definition(String kind, Field f) {
        DataType t = f.type();
        boolean list = t instanceof DataType.ListOf;
        DataType element = list ? ((DataType.ListOf) t).element() : t;
        String type;
        if (element == DataType.INT32 || element == DataType.INT64) {
            type = "Integer";
        } else if (element == DataType.FLOAT32 || element == DataType.FLOAT64) {
            type = "Float";
        } else if (element == DataType.BOOLEAN && !list && kind.equals("INFO")) {
            type = "Flag";
        } else {
            type = "String";
        }
        String number = type.equals("Flag") ? "0" : list ? "." : "1";
        return "##" + kind + "=<ID=" + f.name() + ",Number=" + number + ",Type=" + type
                + ",Description=\"" + f.name() + "\">";
    }

    @Override
    public void write(Table batch) throws IOException {
        if (!batch.schema().equals(schema)) {
            throw new IllegalArgumentException("batch schema " + batch.schema() + " differs from " + schema);
        }
        Column chrom = batch.column(chromCol);
        Column pos = batch.column(posCol);
        Column ref = batch.column(refCol);
        for (int r = 0; r < batch.rowCount(); r++) {
            lineNumber++;
            line.setLength(0);
            if (chrom.isNull(r) || pos.isNull(r) || ref.isNull(r)) {
                throw errors.at(lineNumber, "row " + r + " of the batch has no " + (chrom.isNull(r) ? "chrom"
                        : pos.isNull(r) ? "pos" : "ref") + ", which every VCF record needs");
            }
            String c = (String) chrom.get(r);
            long p = ((Number) pos.get(r)).longValue();
            String refText = (String) ref.get(r);
            line.append(c).append('\t').append(p).append('\t');
            joined(batch, idCol, r, ";");
            line.append('\t').append(refText).append('\t');
            joined(batch, altCol, r, ",");
            line.append('\t');
            if (qualCol < 0 || batch.column(qualCol).isNull(r)) {
                line.append('.');
            } else {
                number(((Number) batch.column(qualCol).get(r)).doubleValue());
            }
            line.append('\t');
            joined(batch, filterCol, r, ";");
            line.append('\t');
            long end = info(batch, r, p + refText.length() - 1);
            if (genotypesCol >= 0) {
                genotypes((ListColumn) batch.column(genotypesCol), r);
            }
            line.append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            if (index != null) {
                checkSorted(c, p);
                long begin = positions.position();
                out.write(bytes);
                index.add(c, p, end, begin, positions.position());
            } else {
                out.write(bytes);
            }
        }
    }

    private void checkSorted(String contig, long pos) {
        if (contig.equals(lastContig)) {
            if (pos < index.lastPos()) {
                throw errors.at(lineNumber, "records are not sorted: " + contig + ":" + pos + " comes after "
                        + contig + ":" + index.lastPos() + "; an indexed VCF needs each contig's records by position"
                        + " (sort the table by pos, or set option index: false)");
            }
            return;
        }
        if (finishedContigs.contains(contig)) {
            throw errors.at(lineNumber, "records are not sorted: contig " + contig + " appears again after "
                    + lastContig + "; an indexed VCF needs each contig's records together (sort the table, or set"
                    + " option index: false)");
        }
        if (lastContig != null) {
            finishedContigs.add(lastContig);
        }
        lastContig = contig;
    }

    private void joined(Table batch, int col, int r, String sep) {
        if (col < 0 || batch.column(col).isNull(r)) {
            line.append('.');
            return;
        }
        Object v = batch.column(col).get(r);
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                line.append('.');
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    line.append(sep);
                }
                line.append(list.get(i) == null ? "." : list.get(i));
            }
        } else {
            line.append(v);
        }
    }

    /** Writes the INFO column; returns the record's last base (INFO END when present). */
    private long info(Table batch, int r, long refEnd) {
        long end = refEnd;
        if (infoCol < 0 || batch.column(infoCol).isNull(r)) {
            line.append('.');
            return end;
        }
        StructColumn info = (StructColumn) batch.column(infoCol);
        List<Field> fields = info.type().fields();
        int written = 0;
        for (int f = 0; f < fields.size(); f++) {
            Column c = info.field(f);
            if (c.isNull(r)) {
                continue;
            }
            if (c instanceof BooleanColumn b) {
                if (b.getBoolean(r)) {
                    line.append(written++ > 0 ? ";" : "").append(fields.get(f).name());
                }
                continue;
            }
            line.append(written++ > 0 ? ";" : "").append(fields.get(f).name()).append('=');
            Object v = c.get(r);
            value(v);
            if (fields.get(f).name().equals("END") && v instanceof Number n) {
                end = Math.max(end, n.longValue());
            }
        }
        if (written == 0) {
            line.append('.');
        }
        return end;
    }

    private void genotypes(ListColumn genotypes, int r) {
        StructColumn samples = (StructColumn) genotypes.elements();
        List<Field> fields = samples.type().fields();
        if (genotypes.isNull(r) || genotypes.length(r) != sampleCount) {
            throw errors.at(lineNumber, "row " + r + " has " + (genotypes.isNull(r) ? "no genotypes" : genotypes.length(r)
                    + " genotypes") + ", but the table has " + sampleCount + " samples");
        }
        int first = genotypes.start(r);
        // FORMAT: GT first, then every field with a value in some sample
        List<Integer> keys = new ArrayList<>();
        int gt = -1;
        int phased = -1;
        for (int f = 0; f < fields.size(); f++) {
            String name = fields.get(f).name();
            if (name.equals(TableShape.PHASED)) {
                phased = f;
                continue;
            }
            Column c = samples.field(f);
            boolean any = false;
            for (int s = 0; s < sampleCount && !any; s++) {
                any = !c.isNull(first + s);
            }
            if (name.equals(TableShape.GT)) {
                gt = f;
                if (any) {
                    keys.add(0, f);
                }
            } else if (any) {
                keys.add(f);
            }
        }
        line.append('\t');
        if (keys.isEmpty()) {
            line.append("GT");
            for (int s = 0; s < sampleCount; s++) {
                line.append("\t.");
            }
            return;
        }
        for (int k = 0; k < keys.size(); k++) {
            line.append(k > 0 ? ":" : "").append(fields.get(keys.get(k)).name());
        }
        for (int s = 0; s < sampleCount; s++) {
            int g = first + s;
            line.append('\t');
            for (int k = 0; k < keys.size(); k++) {
                if (k > 0) {
                    line.append(':');
                }
                int f = keys.get(k);
                Column c = samples.field(f);
                if (c.isNull(g)) {
                    line.append('.');
                } else if (f == gt) {
                    boolean isPhased = phased >= 0 && !samples.field(phased).isNull(g)
                            && ((BooleanColumn) samples.field(phased)).getBoolean(g);
                    List<?> alleles = (List<?>) c.get(g);
                    for (int a = 0; a < alleles.size(); a++) {
                        if (a > 0) {
                            line.append(isPhased ? '|' : '/');
                        }
                        line.append(alleles.get(a) == null ? "." : alleles.get(a));
                    }
                    if (alleles.isEmpty()) {
                        line.append('.');
                    }
                } else {
                    value(c.get(g));
                }
            }
        }
    }

    private void value(Object v) {
        if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                scalar(list.get(i));
            }
            if (list.isEmpty()) {
                line.append('.');
            }
        } else {
            scalar(v);
        }
    }

    private void scalar(Object v) {
        if (v == null) {
            line.append('.');
        } else if (v instanceof Double || v instanceof Float) {
            number(((Number) v).doubleValue());
        } else if (v instanceof Boolean b) {
            line.append(b ? "1" : "0");
        } else {
            line.append(v);
        }
    }

    /** Whole numbers without ".0", others in Java's shortest round-trip form, with a lower-case exponent. */
    private void number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            line.append((long) d);
        } else if (Double.isNaN(d)) {
            line.append("nan");
        } else if (Double.isInfinite(d)) {
            line.append(d > 0 ? "inf" : "-inf");
        } else {
            String s = Double.toString(d);
            line.append(s.indexOf('E') >= 0 ? s.replace('E', 'e') : s);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
        if (index != null) {
            Optional<OutputStream> sidecar = target.openSidecar(".tbi");
            if (sidecar.isPresent()) {
                byte[] bytes = index.toBytes(positions::virtualOffset);
                try (OutputStream tbi = new BgzfCodec().compress(sidecar.get(), Map.of(BgzfCodec.THREADS, 1))) {
                    tbi.write(bytes);
                }
            }
        }
        Arrays.fill(scratch, (byte) 0);
    }
}
