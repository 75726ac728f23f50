package org.datahandle.libdeflate;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.DataFormatException;
import org.datahandle.spi.BlockDeflater;
import org.datahandle.spi.BlockInflater;
import org.datahandle.spi.DeflateProvider;

/**
 * {@code libdeflate}: whole-block deflate through Debian's libdeflate (the library {@code bgzip}
 * links), by a small JNI binding built with this module. Faster than the JDK's zlib at the same
 * level and a little smaller; it needs {@code libdeflate.so.0} at run time and runs on Linux x86_64
 * only. Elsewhere {@link #unavailableReason()} says why, and the JDK's zlib is used.
 *
 * <p>Levels are zlib's 0 to 9, mapped onto libdeflate's 0 to 12 as htslib maps them (0, 1, 2, 3, 5, 6,
 * 7, 8, 10, 12), so that {@code level: N} compresses as {@code bgzip -l N} does.
 */
public final class LibdeflateProvider implements DeflateProvider {

    /** The name {@code datahandle.deflate} selects it by. */
    public static final String NAME = "libdeflate";

    /** libdeflate's level for each of zlib's levels 0 to 9: htslib's table (bgzf.c, bgzf_compress). */
    private static final int[] LIBDEFLATE_LEVEL = {0, 1, 2, 3, 5, 6, 7, 8, 10, 12};

    /** Frees the native state of deflaters and inflaters that were never closed. */
    private static final Cleaner CLEANER = Cleaner.create();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailableReason() {
        return NativeLibrary.problem();
    }

    /** The libdeflate level that zlib's {@code level} maps to. */
    static int libdeflateLevel(int level) {
        return LIBDEFLATE_LEVEL[level];
    }

    @Override
    public BlockDeflater newDeflater(int level) {
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level must be " + MIN_LEVEL + " to " + MAX_LEVEL + ", got " + level);
        }
        requireLoaded();
        long handle = Native.allocCompressor(libdeflateLevel(level));
        if (handle == 0) {
            throw new OutOfMemoryError("libdeflate could not allocate a compressor at level " + libdeflateLevel(level));
        }
        return new LibdeflateDeflater(level, handle);
    }

    @Override
    public BlockInflater newInflater() {
        requireLoaded();
        long handle = Native.allocDecompressor();
        if (handle == 0) {
            throw new OutOfMemoryError("libdeflate could not allocate a decompressor");
        }
        return new LibdeflateInflater(handle);
    }

    @Override
    public String toString() {
        return "LibdeflateProvider";
    }

    private void requireLoaded() {
        unavailableReason().ifPresent(why -> {
            throw new IllegalStateException("libdeflate cannot run here: " + why);
        });
    }

    /** Everything the native code is given is checked here first: a bad range must never reach C. */
    private static void checkRanges(byte[] in, int inOffset, int inLength, byte[] out, int outOffset, int outLength) {
        Objects.checkFromIndexSize(inOffset, inLength, in.length);
        Objects.checkFromIndexSize(outOffset, outLength, out.length);
        if (in == out) {
            throw new IllegalArgumentException("input and output must be different arrays");
        }
    }

    /**
     * A native handle freed exactly once: by close, or by the cleaner when its owner became
     * unreachable without being closed. Holds no reference to its owner.
     */
    private static final class Handle implements Runnable {
        private final long address;
        private final boolean compressor;
        private boolean freed;

        Handle(long address, boolean compressor) {
            this.address = address;
            this.compressor = compressor;
        }

        @Override
        public synchronized void run() {
            if (!freed) {
                freed = true;
                if (compressor) {
                    Native.freeCompressor(address);
                } else {
                    Native.freeDecompressor(address);
                }
            }
        }
    }

    private static final class LibdeflateDeflater implements BlockDeflater {
        private final int level;
        private final long handle;
        private final Cleaner.Cleanable cleanable;
        private boolean closed;

        LibdeflateDeflater(int level, long handle) {
            this.level = level;
            this.handle = handle;
            this.cleanable = CLEANER.register(this, new Handle(handle, true));
        }

        @Override
        public int level() {
            return level;
        }

        // synchronized: a close from another thread waits for a running call, so the handle is never freed under it
        @Override
        public synchronized int deflate(byte[] in, int inOffset, int inLength, byte[] out, int outOffset, int outRoom) {
            checkRanges(in, inOffset, inLength, out, outOffset, outRoom);
            if (closed) {
                throw new IllegalStateException("deflater closed");
            }
            try {
                int n = Native.compress(handle, in, inOffset, inLength, out, outOffset, outRoom);
                if (n < 0) {
                    throw new OutOfMemoryError("the JVM could not pin the arrays for libdeflate");
                }
                return n == 0 ? DOES_NOT_FIT : n;
            } finally {
                Reference.reachabilityFence(this); // the cleaner must not free the handle during the call
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            cleanable.clean();
        }
    }

    private static final class LibdeflateInflater implements BlockInflater {
        private final long handle;
        private final Cleaner.Cleanable cleanable;
        private boolean closed;

        LibdeflateInflater(long handle) {
            this.handle = handle;
            this.cleanable = CLEANER.register(this, new Handle(handle, false));
        }

        @Override
        public synchronized int inflate(byte[] in, int inOffset, int inLength, byte[] out, int outOffset, int outRoom)
                throws DataFormatException {
            checkRanges(in, inOffset, inLength, out, outOffset, outRoom);
            if (closed) {
                throw new IllegalStateException("inflater closed");
            }
            long result;
            try {
                result = Native.decompress(handle, in, inOffset, inLength, out, outOffset, outRoom);
            } finally {
                Reference.reachabilityFence(this);
            }
            if (result == Native.BAD_DATA) {
                // libdeflate does not tell a cut stream from a corrupt one
                throw new DataFormatException("invalid deflate data (libdeflate: corrupt, or ends before its final block)");
            }
            if (result == Native.INSUFFICIENT_SPACE) {
                throw new DataFormatException("the deflate data inflates to more than " + outRoom + " bytes");
            }
            if (result == Native.PIN_FAILED) {
                throw new OutOfMemoryError("the JVM could not pin the arrays for libdeflate");
            }
            if (result < 0) {
                throw new DataFormatException("invalid deflate data (libdeflate result " + -result + ")");
            }
            int consumed = (int) (result >>> 32);
            int produced = (int) result;
            if (consumed != inLength) {
                throw new DataFormatException((inLength - consumed) + " bytes after the end of the deflate data");
            }
            return produced;
        }

        @Override
        public synchronized void close() {
            closed = true;
            cleanable.clean();
        }
    }
}
