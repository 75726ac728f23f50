package org.datahandle.formats.vcf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A tabix ({@code .tbi}) or CSI ({@code .csi}) index of a BGZF VCF: per contig, the hierarchical
 * bins (UCSC binning, generalised to CSI's min_shift and depth) with their chunks of virtual
 * offsets, and for tabix the 16 kb linear index. Reads both; {@link Builder} writes tabix.
 *
 * <p>Specification: the SAM/BAM format specification, sections 5.1.1 (binning), 5.2 (BAI) and
 * the tabix and CSI documents of htslib.
 */
final class TabixIndex {
    /** One contiguous range of virtual offsets, [begin, end). */
    record Chunk(long begin, long end) {}

    private record Ref(Map<Integer, List<Chunk>> bins, long[] linear, Map<Integer, Long> binLoffset) {}

    /** htslib's pseudo-bin holding per-contig offsets and counts; not a real bin. */
    private static final int TBI_PSEUDO_BIN = 37450;

    private final int minShift;
    private final int depth;
    private final Map<String, Integer> names;
    private final List<Ref> refs;

    private TabixIndex(int minShift, int depth, Map<String, Integer> names, List<Ref> refs) {
        this.minShift = minShift;
        this.depth = depth;
        this.names = names;
        this.refs = refs;
    }

    List<String> contigs() {
        return List.copyOf(names.keySet());
    }

    /** Parses a {@code .tbi} or {@code .csi} (both BGZF-compressed). */
    static TabixIndex read(InputStream compressed, VcfErrors errors, String what) throws IOException {
        byte[] bytes;
        try (InputStream in = new GZIPInputStream(compressed, 1 << 16)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw errors.file("its index " + what + " is not a BGZF-compressed index: " + e.getMessage());
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[4];
            b.get(magic);
            String m = new String(magic, StandardCharsets.ISO_8859_1);
            if (m.equals("TBI\1")) {
                int nRef = b.getInt();
                Map<String, Integer> names = tabixHeader(b, errors, what);
                if (names.size() != nRef) {
                    throw errors.file("index " + what + " names " + names.size() + " contigs but has " + nRef);
                }
                List<Ref> refs = new ArrayList<>();
                for (int r = 0; r < nRef; r++) {
                    refs.add(readRef(b, false));
                }
                return new TabixIndex(14, 5, names, refs);
            }
            if (m.equals("CSI\1")) {
                int minShift = b.getInt();
                int depth = b.getInt();
                int lAux = b.getInt();
                Map<String, Integer> names = new LinkedHashMap<>();
                if (lAux >= 28) {
                    int auxEnd = b.position() + lAux;
                    names = tabixHeader(b, errors, what);
                    b.position(auxEnd);
                } else {
                    b.position(b.position() + lAux);
                }
                int nRef = b.getInt();
                List<Ref> refs = new ArrayList<>();
                for (int r = 0; r < nRef; r++) {
                    refs.add(readRef(b, true));
                }
                if (names.size() != nRef) {
                    throw errors.file("index " + what + " has " + nRef + " contigs but names " + names.size()
                            + " (a CSI without contig names cannot serve a VCF region query)");
                }
                return new TabixIndex(minShift, depth, names, refs);
            }
            throw errors.file("index " + what + " is neither tabix (TBI\\1) nor CSI (CSI\\1)");
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw errors.file("index " + what + " is truncated or corrupt");
        }
    }

    private static Map<String, Integer> tabixHeader(ByteBuffer b, VcfErrors errors, String what) {
        int format = b.getInt();
        b.getInt(); // col_seq
        b.getInt(); // col_beg
        b.getInt(); // col_end
        b.getInt(); // meta
        b.getInt(); // skip
        int lNm = b.getInt();
        if ((format & 0xFFFF) != 2) {
            throw errors.file("index " + what + " is for format " + format + ", not VCF (2)");
        }
        byte[] nm = new byte[lNm];
        b.get(nm);
        Map<String, Integer> names = new LinkedHashMap<>();
        int s = 0;
        for (int i = 0; i < lNm; i++) {
            if (nm[i] == 0) {
                names.put(new String(nm, s, i - s, StandardCharsets.UTF_8), names.size());
                s = i + 1;
            }
        }
        return names;
    }

    private static Ref readRef(ByteBuffer b, boolean csi) {
        int nBin = b.getInt();
        Map<Integer, List<Chunk>> bins = new HashMap<>();
        Map<Integer, Long> loffset = new HashMap<>();
        for (int i = 0; i < nBin; i++) {
            int bin = b.getInt();
            if (csi) {
                loffset.put(bin, b.getLong());
            }
            int nChunk = b.getInt();
            List<Chunk> chunks = new ArrayList<>(nChunk);
            for (int c = 0; c < nChunk; c++) {
                chunks.add(new Chunk(b.getLong(), b.getLong()));
            }
            bins.put(bin, chunks);
        }
        long[] linear = new long[0];
        if (!csi) {
            int nIntv = b.getInt();
            linear = new long[nIntv];
            for (int i = 0; i < nIntv; i++) {
                linear[i] = b.getLong();
            }
        }
        return new Ref(bins, linear, loffset);
    }

    /**
     * The chunks that may hold records overlapping {@code [start, end]} (1-based, inclusive) on
     * {@code contig}, sorted and merged; empty when the contig is not indexed.
     */
    List<Chunk> query(String contig, long start, long end) {
        Integer r = names.get(contig);
        if (r == null) {
            return List.of();
        }
        Ref ref = refs.get(r);
        long beg = start - 1;
        long maxPos = 1L << (minShift + 3 * depth);
        long last = Math.min(end, maxPos);
        long minOffset = 0;
        if (ref.linear.length > 0) {
            int w = (int) Math.min(beg >> minShift, ref.linear.length - 1);
            minOffset = ref.linear[w];
        }
        List<Chunk> out = new ArrayList<>();
        for (int bin : reg2bins(beg, last)) {
            List<Chunk> chunks = ref.bins.get(bin);
            if (chunks == null || bin == TBI_PSEUDO_BIN && ref.linear.length > 0) {
                continue;
            }
            Long lo = ref.binLoffset.get(bin);
            for (Chunk c : chunks) {
                long floor = lo != null ? Math.max(minOffset, lo) : minOffset;
                if (c.end() > floor) {
                    // no record before the floor reaches the query (the floor is a record's own start)
                    out.add(new Chunk(Math.max(c.begin(), floor), c.end()));
                }
            }
        }
        return merge(out);
    }

    static List<Chunk> merge(List<Chunk> chunks) {
        List<Chunk> sorted = new ArrayList<>(chunks);
        sorted.sort(Comparator.comparingLong(Chunk::begin));
        List<Chunk> merged = new ArrayList<>();
        for (Chunk c : sorted) {
            if (!merged.isEmpty() && c.begin() <= merged.get(merged.size() - 1).end()) {
                Chunk prev = merged.remove(merged.size() - 1);
                merged.add(new Chunk(prev.begin(), Math.max(prev.end(), c.end())));
            } else {
                merged.add(c);
            }
        }
        return merged;
    }

    /** Bins overlapping 0-based [beg, end) at every level. */
    private List<Integer> reg2bins(long beg, long end) {
        List<Integer> bins = new ArrayList<>();
        long e = end - 1;
        if (e < beg) {
            e = beg;
        }
        int s = minShift + depth * 3;
        long t = 0;
        for (int level = 0; level <= depth; s -= 3, t += 1L << (level * 3), level++) {
            long b = t + (beg >> s);
            long last = t + (e >> s);
            for (; b <= last; b++) {
                bins.add((int) b);
            }
        }
        return bins;
    }

    /** UCSC bin of 0-based [beg, end) at tabix's min_shift 14, depth 5. */
    static int reg2bin(long beg, long end) {
        long e = end - 1;
        if (beg >> 14 == e >> 14) {
            return (int) (((1 << 15) - 1) / 7 + (beg >> 14));
        }
        if (beg >> 17 == e >> 17) {
            return (int) (((1 << 12) - 1) / 7 + (beg >> 17));
        }
        if (beg >> 20 == e >> 20) {
            return (int) (((1 << 9) - 1) / 7 + (beg >> 20));
        }
        if (beg >> 23 == e >> 23) {
            return (int) (((1 << 6) - 1) / 7 + (beg >> 23));
        }
        if (beg >> 26 == e >> 26) {
            return (int) (((1 << 3) - 1) / 7 + (beg >> 26));
        }
        return 0;
    }

    /**
     * Builds a tabix index while records are written in sorted order: each contig contiguous,
     * positions not decreasing within it.
     */
    static final class Builder {
        private final Map<String, RefBuilder> refs = new LinkedHashMap<>();
        private RefBuilder current;

        private static final class RefBuilder {
            final Map<Integer, List<long[]>> bins = new LinkedHashMap<>();
            long[] linear = new long[16];
            int linearSize;
            long firstOffset = -1;
            long lastOffset;
            long records;
            long lastPos;
        }

        /** The last position recorded on this contig, or -1 when the contig has ended or not begun. */
        boolean hasContig(String contig) {
            return refs.containsKey(contig);
        }

        boolean isCurrent(String contig) {
            return current != null && refs.get(contig) == current;
        }

        long lastPos() {
            return current == null ? 0 : current.lastPos;
        }

        /**
         * @param pos 1-based POS
         * @param end 1-based last base (POS + len(REF) - 1, or INFO END)
         * @param begin virtual offset of the record's first byte
         * @param next virtual offset just after its line break
         */
        void add(String contig, long pos, long end, long begin, long next) {
            RefBuilder r = refs.get(contig);
            if (r == null) {
                r = new RefBuilder();
                refs.put(contig, r);
            }
            current = r;
            r.lastPos = pos;
            long beg0 = pos - 1;
            long end0 = Math.max(end, pos);
            int bin = reg2bin(beg0, end0);
            List<long[]> chunks = r.bins.computeIfAbsent(bin, k -> new ArrayList<>());
            if (!chunks.isEmpty() && chunks.get(chunks.size() - 1)[1] == begin) {
                chunks.get(chunks.size() - 1)[1] = next;
            } else {
                chunks.add(new long[] {begin, next});
            }
            int first = (int) (beg0 >> 14);
            int lastWindow = (int) ((end0 - 1) >> 14);
            if (lastWindow >= r.linear.length) {
                r.linear = java.util.Arrays.copyOf(r.linear, Math.max(lastWindow + 1, r.linear.length * 2));
            }
            for (int w = first; w <= lastWindow; w++) {
                if (w >= r.linearSize || r.linear[w] == 0) {
                    if (w >= r.linearSize) {
                        for (int k = r.linearSize; k < w; k++) {
                            r.linear[k] = 0;
                        }
                        r.linearSize = w + 1;
                    }
                    if (r.linear[w] == 0) {
                        r.linear[w] = begin;
                    }
                }
            }
            if (r.firstOffset < 0) {
                r.firstOffset = begin;
            }
            r.lastOffset = next;
            r.records++;
        }

        /**
         * The index as htslib writes it (BGZF-compressed by the caller).
         *
         * @param virtualOffset maps the positions given to {@link #add} to virtual offsets, once the
         *     file's blocks are all written
         */
        byte[] toBytes(java.util.function.LongUnaryOperator virtualOffset) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Le le = new Le(out);
            le.bytes("TBI\1".getBytes(StandardCharsets.ISO_8859_1));
            le.int32(refs.size());
            le.int32(2); // TBX_VCF
            le.int32(1); // col_seq
            le.int32(2); // col_beg
            le.int32(0); // col_end
            le.int32('#'); // meta
            le.int32(0); // skip
            ByteArrayOutputStream nm = new ByteArrayOutputStream();
            for (String name : refs.keySet()) {
                nm.writeBytes(name.getBytes(StandardCharsets.UTF_8));
                nm.write(0);
            }
            le.int32(nm.size());
            le.bytes(nm.toByteArray());
            for (RefBuilder r : refs.values()) {
                le.int32(r.bins.size() + 1);
                for (Map.Entry<Integer, List<long[]>> e : r.bins.entrySet()) {
                    le.int32(e.getKey());
                    le.int32(e.getValue().size());
                    for (long[] c : e.getValue()) {
                        le.int64(virtualOffset.applyAsLong(c[0]));
                        le.int64(virtualOffset.applyAsLong(c[1]));
                    }
                }
                le.int32(TBI_PSEUDO_BIN);
                le.int32(2);
                le.int64(virtualOffset.applyAsLong(r.firstOffset));
                le.int64(virtualOffset.applyAsLong(r.lastOffset));
                le.int64(r.records);
                le.int64(0);
                // empty windows take the offset of the window before (0 before the first record), as htslib fills them
                long previous = 0;
                le.int32(r.linearSize);
                for (int w = 0; w < r.linearSize; w++) {
                    long v = r.linear[w] == 0 ? previous : virtualOffset.applyAsLong(r.linear[w]);
                    le.int64(v);
                    previous = v;
                }
            }
            le.int64(0); // n_no_coor
            return out.toByteArray();
        }
    }

    private record Le(OutputStream out) {
        void int32(int v) {
            try {
                out.write(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void int64(long v) {
            int32((int) v);
            int32((int) (v >>> 32));
        }

        void bytes(byte[] b) {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
