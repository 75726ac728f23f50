package org.datahandle.formats.compress;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses every member of a gzip stream (RFC 1952), one after the other, as one stream.
 *
 * <p>Written instead of using {@link java.util.zip.GZIPInputStream} because that class silently
 * ignores bytes after a member that do not start a new member, cannot say at which compressed
 * offset input ended or went bad, and reads a member's trailer with a plain EOFException. Here
 * every problem is an IOException whose message says what is wrong (truncated, corrupt, trailing
 * garbage) and the compressed byte offset.
 */
final class MultiMemberGzipInputStream extends StickyFailureInputStream {

    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED_FLAGS = 0xE0;

    private enum State { BEFORE_MEMBER, IN_MEMBER, DONE }

    private final InputStream in;
    private final byte[] input = new byte[64 * 1024];
    private int inputPos;
    private int inputLimit;
    /** Compressed offset of {@code input[0]}. */
    private long inputBase;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 dataCrc = new CRC32();
    private final CRC32 headerCrc = new CRC32();

    private State state = State.BEFORE_MEMBER;
    private long members;
    private long memberStart;
    private long memberLength;
    private boolean closed;

    MultiMemberGzipInputStream(InputStream in) {
        super("gzip");
        this.in = requireNonNull(in, "in is null");
    }

    @Override
    boolean isClosed() {
        return closed;
    }

    @Override
    int readDecompressed(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (state == State.DONE) {
                return -1;
            }
            if (state == State.BEFORE_MEMBER && !startMember()) {
                state = State.DONE;
                return -1;
            }
            int n = inflate(b, off, len);
            if (n > 0) {
                return n;
            }
        }
    }

    /** Reads the next member's header; false at a clean end of input after at least one member. */
    private boolean startMember() throws IOException {
        if (!fill()) {
            if (members == 0) {
                throw new IOException("truncated gzip input: unexpected end of input at compressed byte offset 0 (the input is empty)");
            }
            return false;
        }
        memberStart = offset();
        headerCrc.reset();
        int id1 = headerByte();
        if (id1 == 0x1F && !fill()) {
            headerByte(); // throws: truncated in the header
        }
        if (id1 != 0x1F || (input[inputPos] & 0xFF) != 0x8B) {
            if (members == 0) {
                throw new IOException("not gzip data: bad header at compressed byte offset 0 (no gzip magic 1f 8b)");
            }
            throw new IOException(String.format(
                    "trailing garbage in gzip input at compressed byte offset %d: the bytes after member %d are not a gzip member",
                    memberStart, members));
        }
        headerByte();
        int method = headerByte();
        if (method != 8) {
            throw corruptHeader("compression method " + method + " is not deflate (8)");
        }
        int flags = headerByte();
        if ((flags & RESERVED_FLAGS) != 0) {
            throw corruptHeader(String.format("reserved flag bits are set (FLG=0x%02x)", flags));
        }
        for (int i = 0; i < 6; i++) { // MTIME, XFL, OS: not needed to decompress
            headerByte();
        }
        if ((flags & FEXTRA) != 0) {
            int extraLength = headerByte() | headerByte() << 8;
            for (int i = 0; i < extraLength; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) headerCrc.getValue() & 0xFFFF;
            int stored = headerByte() | headerByte() << 8;
            if (stored != expected) {
                throw corruptHeader(String.format("header CRC16 mismatch (stored %04x, computed %04x)", stored, expected));
            }
        }
        inflater.reset();
        dataCrc.reset();
        memberLength = 0;
        state = State.IN_MEMBER;
        return true;
    }

    /** Inflates into {@code b}; 0 when the member ended (its trailer checked), more when data came out. */
    private int inflate(byte[] b, int off, int len) throws IOException {
        while (true) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new IOException(String.format(
                        "corrupt gzip data in the member at compressed byte offset %d, near offset %d: %s",
                        memberStart, inflaterOffset(), e.getMessage()), e);
            }
            if (n > 0) {
                dataCrc.update(b, off, n);
                memberLength += n;
                return n;
            }
            if (inflater.finished()) {
                inputPos = inputLimit - inflater.getRemaining();
                readTrailer();
                members++;
                state = State.BEFORE_MEMBER;
                return 0;
            }
            if (inflater.needsDictionary()) {
                throw new IOException(String.format(
                        "corrupt gzip data in the member at compressed byte offset %d: the deflate stream asks for a preset dictionary",
                        memberStart));
            }
            if (!fill()) {
                throw new IOException(String.format(
                        "truncated gzip input: unexpected end of input at compressed byte offset %d, inside the compressed data of the member at offset %d",
                        offset(), memberStart));
            }
            inflater.setInput(input, inputPos, inputLimit - inputPos);
            inputPos = inputLimit;
        }
    }

    private void readTrailer() throws IOException {
        long trailerStart = offset();
        long storedCrc = trailerInt(trailerStart);
        long storedLength = trailerInt(trailerStart);
        if (storedCrc != dataCrc.getValue()) {
            throw new IOException(String.format(
                    "corrupt gzip member at compressed byte offset %d: CRC32 mismatch (stored %08x, computed %08x)",
                    memberStart, storedCrc, dataCrc.getValue()));
        }
        if (storedLength != (memberLength & 0xFFFFFFFFL)) {
            throw new IOException(String.format(
                    "corrupt gzip member at compressed byte offset %d: length mismatch (ISIZE %d, decompressed %d bytes)",
                    memberStart, storedLength, memberLength));
        }
    }

    private long trailerInt(long trailerStart) throws IOException {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            if (!fill()) {
                throw new IOException(String.format(
                        "truncated gzip input: unexpected end of input at compressed byte offset %d, in the 8-byte trailer (at offset %d) of the member at offset %d",
                        offset(), trailerStart, memberStart));
            }
            value |= (long) (input[inputPos++] & 0xFF) << (8 * i);
        }
        return value;
    }

    private int headerByte() throws IOException {
        if (!fill()) {
            throw new IOException(String.format(
                    "truncated gzip input: unexpected end of input at compressed byte offset %d, in the header of the member at offset %d",
                    offset(), memberStart));
        }
        int value = input[inputPos++] & 0xFF;
        headerCrc.update(value);
        return value;
    }

    private void skipZeroTerminated() throws IOException {
        while (headerByte() != 0) {
            // file name or comment: not used
        }
    }

    private IOException corruptHeader(String problem) {
        return new IOException("corrupt gzip header in the member at compressed byte offset " + memberStart + ": " + problem);
    }

    /** Makes sure an unread byte is buffered; false at the end of input. */
    private boolean fill() throws IOException {
        if (inputPos < inputLimit) {
            return true;
        }
        inputBase += inputLimit;
        inputPos = 0;
        inputLimit = 0;
        int n;
        do {
            n = in.read(input, 0, input.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        inputLimit = n;
        return true;
    }

    /** Compressed offset of the next unread byte outside the inflater. */
    private long offset() {
        return inputBase + inputPos;
    }

    /** Compressed offset of the next byte the inflater has not consumed. */
    private long inflaterOffset() {
        return offset() - inflater.getRemaining();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.end();
            in.close();
        }
    }
}
