package org.datahandle.formats.vcf;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * The records of a whole file, read ahead in chunks and scanned on other threads: the caller's thread
 * reads the (decompressed) stream into chunks of {@link #CHUNK_BYTES} (more for a longer line) that
 * end just after a line feed, and a worker finds each chunk's lines and runs {@link DiploidScan} over every record whose
 * FORMAT is {@code GT}, the two passes over every byte of a genotype file that need no parser state.
 * The parser then takes the lines in file order on the caller's thread, as from a {@link LineReader},
 * with each line's scan ready ({@link #scanned()}): every error is still found, and reported, by the
 * one thread that counts the lines, so the first bad line in file order is the one named.
 *
 * <p>Without an executor (a source that offers none) the chunks are scanned on the caller's thread;
 * with one, a chunk that no worker has started when the parser needs it is scanned by the caller too,
 * so a busy pool never stalls the read.
 */
final class ChunkedLines implements LineSource {
    /** About a hundred 1000 Genomes records: a few milliseconds of scanning, small enough to balance two cores. */
    static final int CHUNK_BYTES = 1 << 20;
    /** Chunks read ahead of the parser: one being parsed, the others scanning. */
    private static final int AHEAD = 4;

    private final int chunkBytes;
    private final InputStream in;
    private final VcfErrors errors;
    private final Executor executor;
    /** Samples per record for the diploid scan; 0 when the parser takes no fast path (no scan). */
    private final int samples;
    private final ArrayDeque<FutureTask<Chunk>> inFlight = new ArrayDeque<>();
    /** Chunk buffers of the standard size whose lines the parser is done with. */
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    /** The start of an unfinished line: the bytes after the last line feed read so far. */
    private byte[] carry;
    private int carryLength;
    private boolean eof;
    private Chunk chunk;
    private int index = -1;
    private long lineNumber;
    private final ScannedCalls scanned = new ScannedCalls();

    /**
     * @param head bytes already read from {@code in} (by the header's {@link LineReader}) that come first
     * @param lastLineNumber the number of the line before the first one in {@code head}
     * @param eof whether {@code in} is already at its end
     */
    ChunkedLines(InputStream in, byte[] head, boolean eof, long lastLineNumber, VcfErrors errors, Executor executor,
            int samples) {
        this(in, head, eof, lastLineNumber, errors, executor, samples, CHUNK_BYTES);
    }

    /** With chunks of {@code chunkBytes} (tests use small ones, to put many lines across chunk ends). */
    ChunkedLines(InputStream in, byte[] head, boolean eof, long lastLineNumber, VcfErrors errors, Executor executor,
            int samples, int chunkBytes) {
        this.chunkBytes = chunkBytes;
        this.in = in;
        this.carry = head;
        this.carryLength = head.length;
        this.eof = eof;
        this.lineNumber = lastLineNumber;
        this.errors = errors;
        this.executor = executor;
        this.samples = samples;
    }

    @Override
    public boolean next() throws IOException {
        while (chunk == null || index + 1 >= chunk.lines) {
            if (chunk != null) {
                recycle(chunk);
            }
            chunk = nextChunk();
            index = -1;
            if (chunk == null) {
                return false;
            }
            if (chunk.tooLong) {
                throw errors.at(lineNumber + 1, "a line longer than " + LineReader.MAX_LINE
                        + " bytes; this is not VCF text");
            }
        }
        index++;
        lineNumber++;
        scanned.set(chunk, index);
        return true;
    }

    @Override
    public byte[] buffer() {
        return chunk.data;
    }

    @Override
    public int start() {
        return chunk.starts[index];
    }

    @Override
    public int end() {
        return chunk.ends[index];
    }

    @Override
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public ScannedCalls scanned() {
        return scanned.valid() ? scanned : null;
    }

    /** Keeps up to {@link #AHEAD} chunks scanning, and returns the oldest once scanned; null at the end. */
    private Chunk nextChunk() throws IOException {
        while (inFlight.size() < AHEAD && (!eof || carryLength > 0)) {
            FutureTask<Chunk> task = readChunk();
            inFlight.add(task);
            if (executor != null) {
                try {
                    executor.execute(task);
                } catch (RejectedExecutionException busy) {
                    // left for this thread to run when the parser reaches it
                }
            }
        }
        FutureTask<Chunk> task = inFlight.poll();
        if (task == null) {
            return null;
        }
        task.run(); // a no-op when a worker has started (or finished) it
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading " + errors.file());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Reads the next chunk from the stream (ending after its last line feed) as a task that scans it. */
    private FutureTask<Chunk> readChunk() throws IOException {
        byte[] buf = free.isEmpty() || carryLength > chunkBytes / 2 ? new byte[Math.max(chunkBytes, 2 * carryLength)]
                : free.poll();
        System.arraycopy(carry, 0, buf, 0, carryLength);
        int n = carryLength;
        int searched = carryLength; // the carried bytes hold no line feed
        int cut;
        while (true) {
            while (n < buf.length && !eof) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    eof = true;
                } else {
                    n += r;
                }
            }
            cut = lastNewline(buf, searched, n) + 1;
            if (eof) {
                cut = n; // the last line may lack its line feed
                break;
            }
            if (cut > 0) {
                break;
            }
            if (buf.length >= LineReader.MAX_LINE) {
                carryLength = 0;
                eof = true;
                return new FutureTask<>(() -> Chunk.TOO_LONG);
            }
            searched = n;
            buf = Arrays.copyOf(buf, Math.min(LineReader.MAX_LINE, buf.length * 2));
        }
        carryLength = n - cut;
        if (carry.length < carryLength) {
            carry = new byte[Math.max(carryLength, 1 << 16)];
        }
        System.arraycopy(buf, cut, carry, 0, carryLength);
        byte[] data = buf;
        int length = cut;
        return new FutureTask<>(() -> scan(data, length, samples));
    }

    private static int lastNewline(byte[] b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void recycle(Chunk done) {
        if (done.data.length == chunkBytes && free.size() < AHEAD) {
            free.add(done.data);
        }
    }

    /** The lines of {@code data[0, length)} and, with {@code samples > 0}, their diploid scans. Runs on a worker. */
    static Chunk scan(byte[] data, int length, int samples) {
        Chunk c = new Chunk(data);
        int s = 0;
        while (s < length) {
            int nl = LineReader.newline(data, s, length);
            int e = nl < 0 ? length : nl;
            int end = e > s && data[e - 1] == '\r' ? e - 1 : e;
            c.add(s, end);
            if (samples > 0) {
                c.scanLine(s, end, samples);
            }
            s = e + 1;
        }
        return c;
    }

    /** One chunk's lines and, per line, its diploid scan (code offset -1 when it has none). */
    static final class Chunk {
        static final Chunk TOO_LONG = new Chunk(new byte[0], true);

        final byte[] data;
        final boolean tooLong;
        int lines;
        int[] starts = new int[128];
        int[] ends = new int[128];
        int[] codeAt = new int[128];
        int[] count = new int[128];
        int[] stop = new int[128];
        int[] samplesStart = new int[128];
        int[] altCount = new int[128];
        byte[] codes = new byte[0];
        private int codesUsed;

        Chunk(byte[] data) {
            this(data, false);
        }

        private Chunk(byte[] data, boolean tooLong) {
            this.data = data;
            this.tooLong = tooLong;
        }

        void add(int start, int end) {
            if (lines == starts.length) {
                int n = 2 * lines;
                starts = Arrays.copyOf(starts, n);
                ends = Arrays.copyOf(ends, n);
                codeAt = Arrays.copyOf(codeAt, n);
                count = Arrays.copyOf(count, n);
                stop = Arrays.copyOf(stop, n);
                samplesStart = Arrays.copyOf(samplesStart, n);
                altCount = Arrays.copyOf(altCount, n);
            }
            starts[lines] = start;
            ends[lines] = end;
            codeAt[lines] = -1;
            lines++;
        }

        /**
         * Runs the diploid scan on the last line added when it is a record whose FORMAT is exactly
         * {@code GT}, with the ALT count and sample start found as {@link RecordParser} finds them (which
         * checks both before it uses the scan).
         */
        void scanLine(int s, int e, int samples) {
            byte[] b = data;
            int tab3 = -1;
            int tab4 = -1;
            int tab7 = -1;
            int tab8 = -1;
            int tabs = 0;
            for (int i = s; i < e && tabs < 9; i++) {
                if (b[i] == '\t') {
                    switch (tabs) {
                        case 3 -> tab3 = i;
                        case 4 -> tab4 = i;
                        case 7 -> tab7 = i;
                        case 8 -> tab8 = i;
                        default -> { }
                    }
                    tabs++;
                }
            }
            if (tabs < 9 || tab8 - tab7 != 3 || b[tab7 + 1] != 'G' || b[tab7 + 2] != 'T') {
                return;
            }
            int alts = altCount(b, tab3 + 1, tab4);
            int from = tab8 + 1;
            // a code per 4 bytes of text, and one for a last call without its tab
            int room = Math.min(samples, (e - from) / 4 + 1);
            if (codesUsed + room > codes.length) {
                codes = Arrays.copyOf(codes, Math.max(codesUsed + room, 2 * codes.length));
            }
            long r = DiploidScan.scan(b, from, e, alts, samples, codes, codesUsed);
            int line = lines - 1;
            codeAt[line] = codesUsed;
            count[line] = DiploidScan.count(r);
            stop[line] = DiploidScan.stop(r);
            samplesStart[line] = from;
            altCount[line] = alts;
            codesUsed += DiploidScan.count(r);
        }

        /** The ALT count as {@link RecordParser} counts it: 0 for '.' or nothing, else one more than the commas. */
        static int altCount(byte[] b, int from, int to) {
            if (from == to || Values.isMissing(b, from, to)) {
                return 0;
            }
            int n = 1;
            for (int i = from; i < to; i++) {
                if (b[i] == ',') {
                    n++;
                }
            }
            return n;
        }
    }
}
