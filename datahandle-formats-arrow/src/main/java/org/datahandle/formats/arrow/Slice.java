package org.datahandle.formats.arrow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One buffer of a record batch body: a range of a byte array, read as little-endian values. Indexes are
 * relative to the start of the buffer and were checked against its length by the caller.
 *
 * @param fileOffset where the buffer starts in the file or stream, for error messages
 */
record Slice(byte[] array, int base, int length, long fileOffset) {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT =
            MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    byte i8(long at) {
        return array[base + (int) at];
    }

    short i16(long at) {
        return (short) SHORT.get(array, base + (int) at);
    }

    int i32(long at) {
        return (int) INT.get(array, base + (int) at);
    }

    long i64(long at) {
        return (long) LONG.get(array, base + (int) at);
    }

    float f32(long at) {
        return (float) FLOAT.get(array, base + (int) at);
    }

    double f64(long at) {
        return (double) DOUBLE.get(array, base + (int) at);
    }

    /** Bit {@code i} of the buffer, least significant bit first. */
    boolean bit(long i) {
        return (array[base + (int) (i >>> 3)] & (1 << (i & 7))) != 0;
    }
}
