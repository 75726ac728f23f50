package org.datahandle.formats.vcf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.datahandle.DataFormatException;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.ListColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.StringColumn;
import org.datahandle.table.StructColumn;
import org.datahandle.table.Table;

/**
 * Parses record lines straight into the column builders of one batch, typed by the header: no
 * String per field, no boxing. Fields that the options leave out are skipped, not parsed.
 */
final class RecordParser {
    private static final System.Logger LOG = System.getLogger(RecordParser.class.getName());

    private final TableShape shape;
    private VcfErrors errors;
    private final boolean lenient;
    private final List<Region> regions;
    private final int nSamples;
    private final Set<String> warned;

    private StringColumn.Builder chrom;
    private LongColumn.Builder pos;
    private ListColumn.Builder id;
    private StringColumn.Builder ref;
    private ListColumn.Builder alt;
    private DoubleColumn.Builder qual;
    private ListColumn.Builder filter;
    private StructColumn.Builder info;
    private ListColumn.Builder genotypes;
    private StructColumn.Builder sample;
    private int rows;
    private ListColumn.Builder gtAlleles;
    private BooleanColumn.Builder gtPhased;
    private IntColumn.Builder gtElements;
    /** Every sample, in file order: parsed in one pass over the line. */
    private final boolean identitySamples;
    /** This record's FORMAT is GT alone and only GT is kept. */
    private boolean gtOnly;

    private final boolean[] infoSet;
    private final boolean[] formatSet;
    private final int[] columnStart;
    private final int[] columnEnd;
    /** The FORMAT column of the previous record and, per key, where its values go. */
    private byte[] lastFormat = new byte[0];
    private int[] formatSlots = new int[0];
    private static final int SKIP = -1;
    private static final int GT_SLOT = -2;

    // the record being parsed, for messages
    private long line;

    RecordParser(TableShape shape, VcfErrors errors, boolean lenient, List<Region> regions, Set<String> warned) {
        this.shape = shape;
        this.errors = errors;
        this.lenient = lenient;
        this.regions = regions;
        this.warned = warned;
        this.nSamples = shape.header.samples().size();
        this.infoSet = new boolean[shape.info.size()];
        this.formatSet = new boolean[shape.format.size()];
        this.columnStart = new int[nSamples];
        this.columnEnd = new int[nSamples];
        boolean identity = shape.sampleColumns.length == nSamples;
        for (int i = 0; i < shape.sampleColumns.length && identity; i++) {
            identity = shape.sampleColumns[i] == i;
        }
        this.identitySamples = identity;
        reset(1024);
    }

    private void reset(int capacity) {
        chrom = StringColumn.builder(capacity);
        pos = (LongColumn.Builder) Column.builder(org.datahandle.table.DataType.INT64, capacity);
        id = (ListColumn.Builder) Column.builder(shape.parseSchema.field("id").orElseThrow().type(), capacity);
        ref = StringColumn.builder(capacity);
        alt = (ListColumn.Builder) Column.builder(shape.parseSchema.field("alt").orElseThrow().type(), capacity);
        qual = DoubleColumn.builder(capacity);
        filter = (ListColumn.Builder) Column.builder(shape.parseSchema.field("filter").orElseThrow().type(), capacity);
        info = shape.info.isEmpty() ? null : StructColumn.builder(shape.infoType(), capacity);
        if (shape.hasGenotypes()) {
            genotypes = (ListColumn.Builder) Column.builder(shape.parseSchema.field("genotypes").orElseThrow().type(),
                    capacity);
            sample = (StructColumn.Builder) genotypes.elements();
            if (shape.gt) {
                gtAlleles = (ListColumn.Builder) sample.field(0);
                gtPhased = (BooleanColumn.Builder) sample.field(1);
                gtElements = (IntColumn.Builder) gtAlleles.elements();
            }
        } else {
            genotypes = null;
            sample = null;
        }
        rows = 0;
    }

    /**
     * Samples per record for a diploid scan done ahead ({@link ChunkedLines}), or 0 when this parser
     * never takes the fast path (some samples only, FORMAT fields besides GT, or no genotypes).
     */
    int diploidScanSamples() {
        return genotypes != null && shape.gt && shape.format.isEmpty() && identitySamples ? nSamples : 0;
    }

    /** Errors name this part's file from now on. */
    RecordParser errors(VcfErrors errors) {
        this.errors = errors;
        return this;
    }

    int rows() {
        return rows;
    }

    /** The batch so far, in the parse schema; the builders start afresh. */
    Table finish() {
        if (genotypes != null && shape.gt) {
            flushPending();
        }
        List<Column> cols = new ArrayList<>();
        cols.add(chrom.build());
        cols.add(pos.build());
        cols.add(id.build());
        cols.add(ref.build());
        cols.add(alt.build());
        cols.add(qual.build());
        cols.add(filter.build());
        if (info != null) {
            cols.add(info.build());
        }
        if (genotypes != null) {
            cols.add(genotypes.build());
        }
        Table t = Table.of(shape.parseSchema, cols);
        reset(Math.max(16, rows));
        return t;
    }

    /**
     * Parses one record line into the batch.
     *
     * @return false when the record lies outside every region (nothing appended)
     */
    boolean parse(byte[] b, int start, int end, long lineNumber) {
        return parse(b, start, end, lineNumber, null);
    }

    /**
     * Parses one record line into the batch, using its diploid scan when one was done ahead and it
     * scanned what this parser would.
     *
     * @param scanned the line's scan, or null
     * @return false when the record lies outside every region (nothing appended)
     */
    boolean parse(byte[] b, int start, int end, long lineNumber, ScannedCalls scanned) {
        this.line = lineNumber;
        this.scanned = scanned;
        int[] t = new int[8];
        int col = 0;
        int i = start;
        for (; i < end && col < 8; i++) {
            if (b[i] == '\t') {
                t[col++] = i;
            }
        }
        // columns 0..6 end at tabs t[0..6]; INFO ends at t[7] or the line end
        if (col < 7) {
            throw errors.at(line, "the record has " + (col + 1) + " tab-separated columns, VCF needs at least 8");
        }
        int infoEnd = col == 8 ? t[7] : end;
        int pStart = t[0] + 1;
        long position = Values.parsePosition(b, pStart, t[1]);
        if (t[0] == start) {
            throw errors.at(line, "CHROM is empty");
        }
        if (position < 0) {
            throw errors.at(line, "POS '" + Values.text(b, pStart, t[1]) + "' is not a position (a whole number)");
        }
        int refStart = t[2] + 1;
        int refEnd = t[3];
        if (refEnd == refStart) {
            throw errors.at(line, "REF is empty");
        }
        if (!regions.isEmpty() && !inRegions(b, start, t[0], position, refEnd - refStart, t[6] + 1, infoEnd)) {
            return false;
        }
        chrom.appendUtf8(b, start, t[0] - start);
        pos.append(position);
        split(id, b, t[1] + 1, t[2], (byte) ';', true);
        ref.appendUtf8(b, refStart, refEnd - refStart);
        int altCount = split(alt, b, t[3] + 1, t[4], (byte) ',', false);
        parseQual(b, t[4] + 1, t[5]);
        split(filter, b, t[5] + 1, t[6], (byte) ';', true);
        parseInfo(b, t[6] + 1, infoEnd, altCount);
        if (genotypes != null) {
            parseSamples(b, col == 8 ? t[7] + 1 : -1, end, altCount);
        } else if (shape.layout != Layout.SITES && nSamples == 0 && col == 8 && !shape.header.hasFormatColumn()) {
            throw errors.at(line, "the record has more than 8 columns, but the header has no FORMAT column");
        }
        rows++;
        return true;
    }

    private boolean inRegions(byte[] b, int start, int chromEnd, long position, int refLength, int infoStart,
            int infoEnd) {
        String c = Values.text(b, start, chromEnd);
        long last = Math.max(position, endOf(b, infoStart, infoEnd, position + refLength - 1));
        for (Region r : regions) {
            if (r.overlaps(c, position, last)) {
                return true;
            }
        }
        return false;
    }

    /** The INFO END value when there is one (symbolic alleles and gVCF blocks), else {@code otherwise}. */
    static long endOf(byte[] b, int from, int to, long otherwise) {
        int i = from;
        while (i < to) {
            int e = i;
            while (e < to && b[e] != ';') {
                e++;
            }
            if (e - i > 4 && b[i] == 'E' && b[i + 1] == 'N' && b[i + 2] == 'D' && b[i + 3] == '=') {
                long v = Values.parsePosition(b, i + 4, e);
                return v < 0 ? otherwise : v;
            }
            i = e + 1;
        }
        return otherwise;
    }

    /** Splits a list column; "." is null (or the empty list when {@code dotIsNull} is false). Returns the count. */
    private static int split(ListColumn.Builder list, byte[] b, int from, int to, byte sep, boolean dotIsNull) {
        if (Values.isMissing(b, from, to) || from == to) {
            if (dotIsNull) {
                list.appendNull();
            } else {
                list.endList();
            }
            return 0;
        }
        StringColumn.Builder e = (StringColumn.Builder) list.elements();
        int n = 0;
        int s = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == sep) {
                e.appendUtf8(b, s, i - s);
                n++;
                s = i + 1;
            }
        }
        list.endList();
        return n;
    }

    private void parseQual(byte[] b, int from, int to) {
        if (Values.isMissing(b, from, to)) {
            qual.appendNull();
            return;
        }
        try {
            qual.append(Values.parseDouble(b, from, to));
        } catch (NumberFormatException e) {
            throw errors.at(line, "QUAL '" + Values.text(b, from, to) + "' is not a number");
        }
    }

    private void parseInfo(byte[] b, int from, int to, int altCount) {
        if (info != null) {
            Arrays.fill(infoSet, false);
        }
        if (!Values.isMissing(b, from, to) && from < to) {
            int i = from;
            while (i <= to) {
                int e = i;
                int eq = -1;
                while (e < to && b[e] != ';') {
                    if (eq < 0 && b[e] == '=') {
                        eq = e;
                    }
                    e++;
                }
                if (e > i) {
                    infoEntry(b, i, eq < 0 ? e : eq, eq < 0 ? -1 : eq + 1, e, altCount);
                }
                i = e + 1;
            }
        }
        if (info != null) {
            for (int f = 0; f < infoSet.length; f++) {
                if (!infoSet[f]) {
                    if (shape.info.get(f).type() == VcfType.FLAG) {
                        ((BooleanColumn.Builder) info.field(f)).append(false);
                    } else {
                        info.field(f).appendNull();
                    }
                }
            }
            info.endStruct();
        }
    }

    private void infoEntry(byte[] b, int keyStart, int keyEnd, int valueStart, int valueEnd, int altCount) {
        String key = Values.text(b, keyStart, keyEnd);
        Integer slot = shape.infoIndex.get(key);
        if (slot == null) {
            if (!shape.header.info().containsKey(key)) {
                undeclared("INFO", key);
            }
            return;
        }
        if (infoSet[slot]) {
            throw errors.at(line, "INFO " + key + " appears twice in one record");
        }
        infoSet[slot] = true;
        FieldDef d = shape.info.get(slot);
        if (d.type() == VcfType.FLAG) {
            boolean set = true;
            if (valueStart >= 0) {
                // htsjdk writes DB=0 / DB=1 (its all43Features.vcf); anything else is not a flag
                if (valueEnd - valueStart == 1 && (b[valueStart] == '0' || b[valueStart] == '1')) {
                    set = b[valueStart] == '1';
                } else {
                    throw errors.at(line, "INFO " + key + " is a Flag and takes no value, but has '"
                            + VcfHeader.printable(Values.text(b, valueStart, valueEnd)) + "'");
                }
            }
            ((BooleanColumn.Builder) info.field(slot)).append(set);
            return;
        }
        if (valueStart < 0) {
            // a bare key that is not a Flag (htsjdk's ex2.vcf writes HOMSEQ so): present, value missing
            info.field(slot).appendNull();
            return;
        }
        value(info.field(slot), d, b, valueStart, valueEnd, altCount, -1, -1);
    }

    private void undeclared(String kind, String key) {
        if (!lenient) {
            throw errors.at(line, kind + " key '" + key + "' is not defined in the header (option lenient skips"
                    + " undefined keys)");
        }
        if (warned.add(kind + " " + key)) {
            LOG.log(System.Logger.Level.WARNING, "handle ''{0}'': {1} line {2}: {3} key ''{4}'' is not defined in the"
                    + " header; skipped (lenient)", errors.handleId(), errors.file(), line, kind, key);
        }
    }

    /** One typed value (scalar or list) of a definition into its builder; "." is null. */
    private void value(Column.Builder target, FieldDef d, byte[] b, int from, int to, int altCount, int ploidy,
            int sampleIndex) {
        if (d.number().isScalar()) {
            scalar(target, d, b, from, to, sampleIndex);
            return;
        }
        ListColumn.Builder list = (ListColumn.Builder) target;
        if (Values.isMissing(b, from, to)) {
            list.appendNull();
            return;
        }
        Column.Builder elements = list.elements();
        int n = 0;
        int s = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == ',') {
                scalar(elements, d, b, s, i, sampleIndex);
                n++;
                s = i + 1;
            }
        }
        // with ALT '.', tools write A/R/G values for the REF-only site (AC=0): nothing to check against
        int expected = altCount == 0 && d.number().kind() != VcfNumber.Kind.FIXED ? -1
                : d.number().expected(altCount, ploidy);
        if (expected >= 0 && n != expected) {
            throw errors.at(line, what(d, sampleIndex) + " has " + n + " value" + (n == 1 ? "" : "s") + " ('"
                    + VcfHeader.printable(Values.text(b, from, to)) + "'), but Number=" + d.number().spelling()
                    + " needs " + expected + countReason(d.number(), altCount));
        }
        list.endList();
    }

    private static String countReason(VcfNumber n, int altCount) {
        return switch (n.kind()) {
            case A -> " (one per ALT allele; the record has " + altCount + ")";
            case R -> " (one per allele, REF included; the record has " + (altCount + 1) + ")";
            case G -> " (one per genotype)";
            default -> "";
        };
    }

    /** "INFO DP" or "FORMAT DP of sample NA12878", built only for a message. */
    private String what(FieldDef d, int sampleIndex) {
        return sampleIndex < 0 ? "INFO " + d.id() : "FORMAT " + d.id() + " of sample " + sampleName(sampleIndex);
    }

    private void scalar(Column.Builder target, FieldDef d, byte[] b, int from, int to, int sampleIndex) {
        if (Values.isMissing(b, from, to)) {
            target.appendNull();
            return;
        }
        switch (d.type()) {
            case INTEGER -> {
                long v = Values.parseInt(b, from, to);
                if (v == Values.NOT_A_NUMBER) {
                    throw errors.at(line, what(d, sampleIndex) + " value '"
                            + VcfHeader.printable(Values.text(b, from, to)) + "' is not an Integer (32-bit), as the header says");
                }
                ((IntColumn.Builder) target).append((int) v);
            }
            case FLOAT -> {
                try {
                    ((DoubleColumn.Builder) target).append(Values.parseDouble(b, from, to));
                } catch (NumberFormatException e) {
                    throw errors.at(line, what(d, sampleIndex) + " value '"
                            + VcfHeader.printable(Values.text(b, from, to)) + "' is not a Float, as the header says");
                }
            }
            case STRING, CHARACTER -> ((StringColumn.Builder) target).appendUtf8(b, from, to - from);
            case FLAG -> throw new IllegalStateException("Flag values are handled by the caller");
        }
    }

    private void parseSamples(byte[] b, int formatStart, int end, int altCount) {
        if (formatStart < 0) {
            throw errors.at(line, "the record has 8 columns, but the header has " + nSamples
                    + " samples (columns FORMAT and the samples are missing)");
        }
        int formatEnd = formatStart;
        while (formatEnd < end && b[formatEnd] != '\t') {
            formatEnd++;
        }
        if (identitySamples) {
            parseSamplesInOrder(b, formatStart, formatEnd, end, altCount);
            return;
        }
        flushPending();
        // bounds of every sample column
        int c = 0;
        int s = formatEnd + 1;
        if (formatEnd < end) {
            for (int i = s; i <= end; i++) {
                if (i == end || b[i] == '\t') {
                    if (c < nSamples) {
                        columnStart[c] = s;
                        columnEnd[c] = i;
                    }
                    c++;
                    s = i + 1;
                }
            }
        }
        if (c != nSamples) {
            throw errors.at(line, "the record has " + (9 + c) + " columns, but the header's #CHROM line has "
                    + (9 + nSamples) + " (" + nSamples + " samples)");
        }
        slotsFor(b, formatStart, formatEnd);
        for (int k = 0; k < shape.sampleColumns.length; k++) {
            int sc = shape.sampleColumns[k];
            parseSample(b, columnStart[sc], columnEnd[sc], altCount, sc);
        }
        genotypes.endList();
    }

    /** All samples, in file order: one pass over the line, each column parsed as it is found. */
    private void parseSamplesInOrder(byte[] b, int formatStart, int formatEnd, int end, int altCount) {
        slotsFor(b, formatStart, formatEnd);
        int c = 0;
        int s = formatEnd + 1;
        if (gtOnly && formatEnd < end) {
            byte[] codes;
            int codesAt;
            if (scanned != null && scanned.matches(s, altCount, end)) {
                codes = scanned.codes();
                codesAt = scanned.offset();
                c = scanned.count();
                s = scanned.stop();
            } else {
                s = diploidRun(b, s, end, altCount);
                c = diploidCount;
                codes = runCodes;
                codesAt = 0;
            }
            if (c == nSamples && s > end) {
                if (pending == null) {
                    pending = new DiploidRecords(nSamples);
                }
                pending.add(codes, codesAt);
                return;
            }
            flushPending();
            appendCodes(codes, codesAt, c);
        } else {
            flushPending();
        }
        if (formatEnd < end && s <= end) {
            for (int i = s; i <= end; i++) {
                if (i == end || b[i] == '\t') {
                    if (c < nSamples) {
                        parseSample(b, s, i, altCount, c);
                    }
                    c++;
                    s = i + 1;
                }
            }
        }
        if (c != nSamples) {
            throw errors.at(line, "the record has " + (9 + c) + " columns, but the header's #CHROM line has "
                    + (9 + nSamples) + " (" + nSamples + " samples)");
        }
        genotypes.endList();
    }

    /** The current line's diploid scan done ahead, or null. */
    private ScannedCalls scanned;
    /** How many samples the last {@link #diploidRun} took. */
    private int diploidCount;
    /** The last run's calls, one code byte each (see {@link DiploidScan}). */
    private byte[] runCodes = new byte[0];
    private int[] runAlleles = new int[0];
    private boolean[] runPhased = new boolean[0];
    /** Records all of whose calls took the run, not yet in the builders (see {@link DiploidRecords}). */
    private DiploidRecords pending;

    /**
     * The 1000 Genomes fast path ({@link DiploidScan}) over this record's samples, into
     * {@link #runCodes}; sets {@link #diploidCount} and returns where the first sample it did not take
     * starts (past {@code end} when it took the whole line).
     */
    private int diploidRun(byte[] b, int from, int end, int altCount) {
        if (runCodes.length < nSamples) {
            runCodes = new byte[nSamples];
        }
        long r = DiploidScan.scan(b, from, end, altCount, nSamples, runCodes, 0);
        diploidCount = DiploidScan.count(r);
        return DiploidScan.stop(r);
    }

    /** Appends {@code count} coded calls to the genotype builders in four bulk calls. */
    private void appendCodes(byte[] codes, int from, int count) {
        if (runPhased.length < count) {
            runAlleles = new int[2 * count];
            runPhased = new boolean[count];
        }
        int[] alleles = runAlleles;
        boolean[] phased = runPhased;
        int phasedCalls = 0;
        for (int i = 0; i < count; i++) {
            int v = codes[from + i];
            alleles[2 * i] = DiploidScan.first(v);
            alleles[2 * i + 1] = DiploidScan.second(v);
            int p = DiploidScan.phased(v);
            phased[i] = p != 0;
            phasedCalls += p;
        }
        gtElements.append(alleles, 0, 2 * count);
        gtAlleles.endLists(count, 2);
        if (phasedCalls == count || phasedCalls == 0) {
            // a record phased throughout (all of 1000 Genomes) or not at all: whole words of bits
            gtPhased.appendRepeated(phasedCalls != 0, count);
        } else {
            gtPhased.append(phased, 0, count);
        }
        sample.endStructs(count);
    }

    /**
     * Moves the pending records into the builders, in order, after sizing every genotype array for
     * them exactly: a batch that is all fast records allocates its 25 M-entry arrays once, instead of
     * doubling them (and copying, and collecting the old ones) a dozen times.
     */
    private void flushPending() {
        if (pending == null || pending.records() == 0) {
            return;
        }
        long calls = (long) pending.records() * nSamples;
        gtElements.ensureCapacity(Math.toIntExact(Math.min(Integer.MAX_VALUE, gtElements.size() + 2 * calls)));
        gtAlleles.ensureCapacity(Math.toIntExact(Math.min(Integer.MAX_VALUE, gtAlleles.size() + calls)));
        gtPhased.ensureCapacity(Math.toIntExact(Math.min(Integer.MAX_VALUE, gtPhased.size() + calls)));
        genotypes.ensureCapacity(genotypes.size() + pending.records());
        // a record at a time: the scratch arrays stay small enough for the cache
        pending.forEach((page, offset, records) -> {
            for (int r = 0; r < records; r++) {
                appendCodes(page, offset + r * nSamples, nSamples);
            }
        });
        genotypes.endLists(pending.records(), nSamples);
        pending.clear();
    }

    /** Maps each FORMAT key of this record to its struct field, reusing the last mapping when FORMAT repeats. */
    private void slotsFor(byte[] b, int from, int to) {
        int len = to - from;
        if (len == lastFormat.length && Arrays.equals(b, from, to, lastFormat, 0, len)) {
            return;
        }
        if (Values.isMissing(b, from, to)) {
            // FORMAT '.': no per-sample values at all (bcftools' annotate.escape.1.vcf)
            formatSlots = new int[] {SKIP};
            lastFormat = Arrays.copyOfRange(b, from, to);
            gtOnly = false;
            return;
        }
        List<Integer> slots = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int s = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == ':') {
                String key = Values.text(b, s, i);
                if (!seen.add(key)) {
                    throw errors.at(line, "FORMAT key " + key + " appears twice in the FORMAT column");
                }
                if (key.equals(TableShape.GT)) {
                    slots.add(shape.gt ? GT_SLOT : SKIP);
                } else {
                    Integer slot = shape.formatIndex.get(key);
                    if (slot == null && !shape.header.format().containsKey(key)) {
                        undeclared("FORMAT", key);
                    }
                    slots.add(slot == null ? SKIP : slot);
                }
                s = i + 1;
            }
        }
        formatSlots = slots.stream().mapToInt(Integer::intValue).toArray();
        lastFormat = Arrays.copyOfRange(b, from, to);
        gtOnly = formatSlots.length == 1 && formatSlots[0] == GT_SLOT && shape.format.isEmpty();
    }

    private void parseSample(byte[] b, int from, int to, int altCount, int sampleIndex) {
        if (gtOnly) {
            // the 1000 Genomes shape: FORMAT is GT alone
            parseGt(b, from, to, altCount, sampleIndex);
            sample.endStruct();
            return;
        }
        Arrays.fill(formatSet, false);
        boolean gtSet = false;
        int ploidy = -1;
        int key = 0;
        int s = from;
        // GT first, so that G-numbered fields know the ploidy; VCF puts GT first anyway
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == ':') {
                if (key >= formatSlots.length) {
                    throw errors.at(line, "sample " + sampleName(sampleIndex) + " has more ':'-separated values than the "
                            + formatSlots.length + " FORMAT keys");
                }
                int slot = formatSlots[key];
                if (slot == GT_SLOT) {
                    ploidy = parseGt(b, s, i, altCount, sampleIndex);
                    gtSet = true;
                } else if (slot >= 0) {
                    FieldDef d = shape.format.get(slot);
                    value(sample.field(slot + (shape.gt ? 2 : 0)), d, b, s, i, altCount, ploidy, sampleIndex);
                    formatSet[slot] = true;
                }
                key++;
                s = i + 1;
            }
        }
        if (shape.gt && !gtSet) {
            sample.field(0).appendNull();
            sample.field(1).appendNull();
        }
        for (int f = 0; f < formatSet.length; f++) {
            if (!formatSet[f]) {
                sample.field(f + (shape.gt ? 2 : 0)).appendNull();
            }
        }
        sample.endStruct();
    }

    private String sampleName(int index) {
        return shape.header.samples().get(index);
    }

    /** GT into allele indices and the phased flag; returns the ploidy. */
    private int parseGt(byte[] b, int from, int to, int altCount, int sampleIndex) {
        ListColumn.Builder alleles = gtAlleles;
        BooleanColumn.Builder phased = gtPhased;
        IntColumn.Builder e = gtElements;
        if (to - from == 3) {
            // the common diploid call with one-digit alleles: 0|1, 1/1
            int x = b[from] - '0';
            int y = b[from + 2] - '0';
            byte sep = b[from + 1];
            if (x >= 0 && x <= 9 && y >= 0 && y <= 9 && x <= altCount && y <= altCount && (sep == '|' || sep == '/')) {
                e.append(x);
                e.append(y);
                alleles.endList();
                phased.append(sep == '|');
                return 2;
            }
        }
        if (from == to) {
            alleles.appendNull();
            phased.appendNull();
            return -1;
        }
        boolean allPhased = true;
        int separators = 0;
        int n = 0;
        int i = from;
        if (b[i] == '|' || b[i] == '/') {
            // VCF 4.4: an explicit phasing prefix on the first allele
            allPhased = b[i] == '|';
            separators++;
            i++;
        }
        int s = i;
        for (; i <= to; i++) {
            if (i == to || b[i] == '/' || b[i] == '|') {
                if (Values.isMissing(b, s, i)) {
                    e.appendNull();
                } else {
                    long a = Values.parseInt(b, s, i);
                    if (a == Values.NOT_A_NUMBER || a < 0) {
                        throw errors.at(line, "GT '" + VcfHeader.printable(Values.text(b, from, to)) + "' of sample "
                                + sampleName(sampleIndex) + " is not a genotype (allele indices separated by / or |)");
                    }
                    if (a > altCount) {
                        throw errors.at(line, "GT '" + Values.text(b, from, to) + "' of sample " + sampleName(sampleIndex)
                                + " has allele index " + a + ", but the record has only " + altCount + " ALT allele"
                                + (altCount == 1 ? "" : "s"));
                    }
                    e.append((int) a);
                }
                n++;
                if (i < to) {
                    separators++;
                    if (b[i] == '/') {
                        allPhased = false;
                    }
                }
                s = i + 1;
            }
        }
        alleles.endList();
        phased.append(separators > 0 && allPhased);
        return n;
    }

    DataFormatException error(String what) {
        return errors.at(line, what);
    }
}
