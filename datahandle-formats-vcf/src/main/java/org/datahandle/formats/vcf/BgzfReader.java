package org.datahandle.formats.vcf;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import org.datahandle.formats.compress.DeflateProviders;
import org.datahandle.spi.BlockInflater;
import org.datahandle.spi.SeekableInput;

/**
 * Random access into a BGZF file: a stream of the decompressed bytes from any virtual offset,
 * which also says at which virtual offset each byte it returned began (so a region read can stop
 * at the end of an index chunk). Reads the file in windows that start at 32 KiB (a typical block) and
 * double while reading goes on in order (up to {@link #MAX_WINDOW}), so a region query reads
 * little more than its blocks, while a long chunk on an object store needs few ranged GETs.
 */
final class BgzfReader {
    private static final int MIN_WINDOW = 1 << 15;
    private static final int MAX_WINDOW = 4 << 20;
    private static final int HEADER = 18;

    private final SeekableInput input;
    private final VcfErrors errors;
    private final long length;
    private byte[] window = new byte[0];
    private long windowStart = -1;

    BgzfReader(SeekableInput input, VcfErrors errors) throws IOException {
        this.input = input;
        this.errors = errors;
        this.length = input.length();
    }

    long length() {
        return length;
    }

    /** Bytes {@code [position, position + count)}, from the window (refilled as needed). */
    private byte[] bytesAt(long position, int count, byte[] into) throws IOException {
        if (windowStart < 0 || position < windowStart || position + count > windowStart + window.length) {
            boolean sequential = windowStart >= 0 && position >= windowStart
                    && position <= windowStart + window.length;
            int wanted = sequential ? Math.min(MAX_WINDOW, window.length * 2) : MIN_WINDOW;
            int size = (int) Math.min(Math.max(wanted, count), length - position);
            if (size < count) {
                throw errors.atOffset(position, "the BGZF file ends inside a block (" + length + " bytes)", null);
            }
            byte[] w = new byte[size];
            int done = 0;
            while (done < size) {
                int n = input.read(position + done, w, done, size - done);
                if (n < 0) {
                    throw errors.atOffset(position + done, "unexpected end of the BGZF file", null);
                }
                done += n;
            }
            window = w;
            windowStart = position;
        }
        System.arraycopy(window, (int) (position - windowStart), into, 0, count);
        return into;
    }

    /** The decompressed bytes of the block at {@code offset}, and the offset of the next block. */
    record Block(byte[] data, int length, long next) {}

    Block block(long offset) throws IOException {
        if (offset >= length) {
            return new Block(new byte[0], 0, -1);
        }
        byte[] header = bytesAt(offset, HEADER, new byte[HEADER]);
        if ((header[0] & 0xFF) != 0x1F || (header[1] & 0xFF) != 0x8B || (header[3] & 0x04) == 0
                || header[12] != 'B' || header[13] != 'C') {
            throw errors.atOffset(offset, "no BGZF block starts here; the file is not BGZF or its index does not"
                    + " match it", null);
        }
        int blockLength = ((header[16] & 0xFF) | (header[17] & 0xFF) << 8) + 1;
        if (blockLength < HEADER + 8 || offset + blockLength > length) {
            throw errors.atOffset(offset, "BGZF block of " + blockLength + " bytes does not fit in the file", null);
        }
        byte[] raw = bytesAt(offset, blockLength, new byte[blockLength]);
        int size = (raw[blockLength - 4] & 0xFF) | (raw[blockLength - 3] & 0xFF) << 8
                | (raw[blockLength - 2] & 0xFF) << 16 | (raw[blockLength - 1] & 0xFF) << 24;
        if (size < 0 || size > 65536) {
            throw errors.atOffset(offset, "BGZF block claims " + size + " uncompressed bytes", null);
        }
        byte[] data = new byte[size];
        // libdeflate when it loads, else the JDK's zlib (DeflateProviders); a fresh inflater per block is cheap
        try (BlockInflater inflater = DeflateProviders.selected().newInflater()) {
            int n = inflater.inflate(raw, HEADER, blockLength - HEADER - 8, data, 0, size);
            if (n != size) {
                throw errors.atOffset(offset, "BGZF block inflates to " + n + " bytes, its footer says " + size, null);
            }
        } catch (DataFormatException e) {
            throw errors.atOffset(offset, "corrupt BGZF block: " + e.getMessage(), e);
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, size);
        int expected = (raw[blockLength - 8] & 0xFF) | (raw[blockLength - 7] & 0xFF) << 8
                | (raw[blockLength - 6] & 0xFF) << 16 | (raw[blockLength - 5] & 0xFF) << 24;
        if ((int) crc.getValue() != expected) {
            throw errors.atOffset(offset, "BGZF block fails its CRC32 check", null);
        }
        return new Block(data, size, offset + blockLength);
    }

    /** A stream from {@code virtualOffset} to the end of the file. */
    Stream from(long virtualOffset) {
        return new Stream(virtualOffset);
    }

    /** Decompressed bytes from a virtual offset; {@link #virtualOffsetOf(long)} maps positions back. */
    final class Stream extends InputStream {
        private long nextBlock;
        private byte[] data = new byte[0];
        private int pos;
        private int limit;
        /** Stream position where the current block's byte 0 is, and that block's file offset. */
        private long[] blockStreamStart = new long[16];
        private long[] blockOffset = new long[16];
        private int blocks;
        private long streamPos;

        Stream(long virtualOffset) {
            this.nextBlock = virtualOffset >>> 16;
            this.skip = (int) (virtualOffset & 0xFFFF);
        }

        private int skip;

        private boolean load() throws IOException {
            while (pos >= limit) {
                if (nextBlock < 0) {
                    return false;
                }
                long offset = nextBlock;
                Block b = block(offset);
                if (b.next() < 0) {
                    nextBlock = -1;
                    return false;
                }
                if (blocks == blockOffset.length) {
                    blockOffset = Arrays.copyOf(blockOffset, blocks * 2);
                    blockStreamStart = Arrays.copyOf(blockStreamStart, blocks * 2);
                }
                blockOffset[blocks] = offset;
                blockStreamStart[blocks] = streamPos - skip;
                blocks++;
                data = b.data();
                limit = b.length();
                pos = Math.min(skip, limit);
                skip = 0;
                nextBlock = b.next();
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!load()) {
                return -1;
            }
            streamPos++;
            return data[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!load()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(data, pos, buf, off, n);
            pos += n;
            streamPos += n;
            return n;
        }

        /** The virtual offset of the byte returned at stream position {@code position}. */
        long virtualOffsetOf(long position) {
            int lo = 0;
            int hi = blocks - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (blockStreamStart[mid] <= position) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            long within = position - blockStreamStart[lo];
            if (within >= 65536 && lo + 1 < blocks) {
                return blockOffset[lo + 1] << 16;
            }
            return blockOffset[lo] << 16 | within;
        }
    }
}
