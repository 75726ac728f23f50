package org.datahandle.formats.compress;

import java.util.Objects;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.datahandle.spi.BlockDeflater;
import org.datahandle.spi.BlockInflater;
import org.datahandle.spi.DeflateProvider;

/**
 * {@code jdk}: whole-block deflate through the JDK's {@link Deflater} and {@link Inflater} (the
 * system zlib). Always available; the fallback when no faster provider loads.
 */
public final class JdkDeflateProvider implements DeflateProvider {

    /** The name {@code datahandle.deflate} selects it by. */
    public static final String NAME = "jdk";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public BlockDeflater newDeflater(int level) {
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level must be " + MIN_LEVEL + " to " + MAX_LEVEL + ", got " + level);
        }
        return new JdkDeflater(level);
    }

    @Override
    public BlockInflater newInflater() {
        return new JdkInflater();
    }

    @Override
    public String toString() {
        return "JdkDeflateProvider";
    }

    /** Checks what every provider checks before touching the arrays. */
    static void checkRanges(byte[] in, int inOffset, int inLength, byte[] out, int outOffset, int outLength) {
        Objects.checkFromIndexSize(inOffset, inLength, in.length);
        Objects.checkFromIndexSize(outOffset, outLength, out.length);
        if (in == out) {
            throw new IllegalArgumentException("input and output must be different arrays");
        }
    }

    private static final class JdkDeflater implements BlockDeflater {
        private final int level;
        private final Deflater deflater;
        private final byte[] probe = new byte[1];
        private boolean closed;

        JdkDeflater(int level) {
            this.level = level;
            this.deflater = new Deflater(level, true);
        }

        @Override
        public int level() {
            return level;
        }

        @Override
        public int deflate(byte[] in, int inOffset, int inLength, byte[] out, int outOffset, int outRoom) {
            checkRanges(in, inOffset, inLength, out, outOffset, outRoom);
            if (closed) {
                throw new IllegalStateException("deflater closed");
            }
            deflater.reset();
            deflater.setInput(in, inOffset, inLength);
            deflater.finish();
            int written = 0;
            while (!deflater.finished() && written < outRoom) {
                written += deflater.deflate(out, outOffset + written, outRoom - written);
            }
            if (!deflater.finished()) {
                // the room is full; zlib may have ended exactly there and say so only on one more call
                int more = deflater.deflate(probe, 0, 1);
                return more == 0 && deflater.finished() ? written : DOES_NOT_FIT;
            }
            return written;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                deflater.end();
            }
        }
    }

    private static final class JdkInflater implements BlockInflater {
        private final Inflater inflater = new Inflater(true);
        /** Where a byte past the room goes, to tell "more than the room" from "exactly the room". */
        private final byte[] probe = new byte[1];
        private boolean closed;

        @Override
        public int inflate(byte[] in, int inOffset, int inLength, byte[] out, int outOffset, int outRoom)
                throws DataFormatException {
            checkRanges(in, inOffset, inLength, out, outOffset, outRoom);
            if (closed) {
                throw new IllegalStateException("inflater closed");
            }
            inflater.reset();
            inflater.setInput(in, inOffset, inLength);
            int produced = 0;
            while (!inflater.finished()) {
                int n = produced < outRoom ? zlib(out, outOffset + produced, outRoom - produced) : zlib(probe, 0, 1);
                if (produced == outRoom && n > 0) {
                    throw new DataFormatException("the deflate data inflates to more than " + outRoom + " bytes");
                }
                produced += n;
                if (n == 0 && !inflater.finished()) {
                    if (inflater.needsDictionary()) {
                        throw new DataFormatException("the deflate data asks for a preset dictionary");
                    }
                    if (inflater.needsInput()) {
                        throw new DataFormatException("the deflate data ends before its final block");
                    }
                    if (produced < outRoom) {
                        // zlib made no progress with both input and room left: never seen, but never loop
                        throw new DataFormatException("invalid deflate data (no progress)");
                    }
                }
            }
            if (inflater.getRemaining() != 0) {
                throw new DataFormatException(inflater.getRemaining() + " bytes after the end of the deflate data");
            }
            return produced;
        }

        /** One call into zlib, whose own messages ("invalid block type") get the prefix every provider uses. */
        private int zlib(byte[] b, int off, int len) throws DataFormatException {
            try {
                return inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                DataFormatException invalid = new DataFormatException("invalid deflate data (" + e.getMessage() + ")");
                invalid.initCause(e);
                throw invalid;
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                inflater.end();
            }
        }
    }
}
