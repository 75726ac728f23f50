package org.datahandle.libdeflate;

/**
 * The JNI functions of {@code src/main/c/datahandle_libdeflate.c}. They trust their arguments:
 * callers check every range first ({@link LibdeflateProvider}) and never pass a freed handle.
 */
final class Native {

    /** What the C side returns when the JVM could not pin an array (an OutOfMemoryError is then thrown). */
    static final int PIN_FAILED = -100;
    /** libdeflate's {@code LIBDEFLATE_BAD_DATA}, negated. */
    static final long BAD_DATA = -1;
    /** libdeflate's {@code LIBDEFLATE_INSUFFICIENT_SPACE}, negated. */
    static final long INSUFFICIENT_SPACE = -3;

    private Native() {}

    /** The libdeflate version the library was compiled against. */
    static native String version();

    /** A compressor at libdeflate's {@code level} (0 to 12), or 0 when it could not be allocated. */
    static native long allocCompressor(int level);

    static native void freeCompressor(long handle);

    /** A decompressor, or 0 when it could not be allocated. */
    static native long allocDecompressor();

    static native void freeDecompressor(long handle);

    /** The compressed length, or 0 when it does not fit in {@code outRoom}. */
    static native int compress(long handle, byte[] in, int inOffset, int inLength, byte[] out, int outOffset, int outRoom);

    /** Input consumed (high 32 bits) and output produced (low 32 bits), or a negative code. */
    static native long decompress(long handle, byte[] in, int inOffset, int inLength, byte[] out, int outOffset,
            int outRoom);
}
