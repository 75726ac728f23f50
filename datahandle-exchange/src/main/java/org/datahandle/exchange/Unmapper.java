package org.datahandle.exchange;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Releases a file mapping at once instead of when the garbage collector gets to the buffer. It matters
 * for {@code shm:} files: a mapping keeps a deleted file's memory, so a handle deleted and pushed again
 * would hold the old data in RAM until a collection. Uses {@code sun.misc.Unsafe.invokeCleaner}
 * (module {@code jdk.unsupported}, no JVM flag needed); where it is missing, {@link #available()} is
 * false and callers read the file instead of mapping it.
 */
final class Unmapper {
    private static final MethodHandle INVOKE_CLEANER = find();

    private Unmapper() {}

    static boolean available() {
        return INVOKE_CLEANER != null;
    }

    /** Unmaps {@code buffer}; it must not be used again. */
    static void unmap(MappedByteBuffer buffer) {
        try {
            INVOKE_CLEANER.invokeExact((ByteBuffer) buffer);
        } catch (Throwable e) {
            // left to the garbage collector, as without this class
        }
    }

    private static MethodHandle find() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            java.lang.reflect.Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            MethodHandle cleaner = MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class));
            return cleaner.bindTo(theUnsafe.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
