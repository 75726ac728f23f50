package org.datahandle.formats.arrow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * One buffer of a record batch body, known by its length before it is written, and written in chunks
 * straight from a column's arrays: a table is not copied into a second, body-sized array on its way out.
 */
final class BodyBuffer {
    /** Writes the buffer's bytes, little-endian, through {@code scratch} (a heap buffer of a few MiB). */
    interface Source {
        void writeTo(OutputStream out, ByteBuffer scratch) throws IOException;
    }

    private final long length;
    private final Source source;

    private BodyBuffer(long length, Source source) {
        this.length = length;
        this.source = source;
    }

    long length() {
        return length;
    }

    void writeTo(OutputStream out, ByteBuffer scratch) throws IOException {
        source.writeTo(out, scratch);
    }

    /** The bytes in one array, for compression. */
    ByteBuffer materialize() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) length);
        writeTo(bytes, ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN));
        return ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Bytes already laid out. */
    static BodyBuffer of(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate();
        return new BodyBuffer(b.remaining(), (out, scratch) -> {
            if (b.hasArray()) {
                out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            } else {
                ByteBuffer s = b.duplicate();
                while (s.hasRemaining()) {
                    int k = Math.min(s.remaining(), scratch.capacity());
                    scratch.clear();
                    scratch.put(s.slice(s.position(), k));
                    s.position(s.position() + k);
                    out.write(scratch.array(), 0, k);
                }
            }
        });
    }

    static BodyBuffer ofLongs(LongBuffer values) {
        return new BodyBuffer(8L * values.remaining(), (out, scratch) -> {
            LongBuffer s = values.duplicate();
            while (s.hasRemaining()) {
                int k = Math.min(s.remaining(), scratch.capacity() / 8);
                scratch.clear();
                scratch.asLongBuffer().put(s.slice(s.position(), k));
                s.position(s.position() + k);
                out.write(scratch.array(), 0, 8 * k);
            }
        });
    }

    static BodyBuffer ofInts(IntBuffer values) {
        return new BodyBuffer(4L * values.remaining(), (out, scratch) -> {
            IntBuffer s = values.duplicate();
            while (s.hasRemaining()) {
                int k = Math.min(s.remaining(), scratch.capacity() / 4);
                scratch.clear();
                scratch.asIntBuffer().put(s.slice(s.position(), k));
                s.position(s.position() + k);
                out.write(scratch.array(), 0, 4 * k);
            }
        });
    }

    static BodyBuffer ofDoubles(DoubleBuffer values) {
        return new BodyBuffer(8L * values.remaining(), (out, scratch) -> {
            DoubleBuffer s = values.duplicate();
            while (s.hasRemaining()) {
                int k = Math.min(s.remaining(), scratch.capacity() / 8);
                scratch.clear();
                scratch.asDoubleBuffer().put(s.slice(s.position(), k));
                s.position(s.position() + k);
                out.write(scratch.array(), 0, 8 * k);
            }
        });
    }

    static BodyBuffer ofFloats(FloatBuffer values) {
        return new BodyBuffer(4L * values.remaining(), (out, scratch) -> {
            FloatBuffer s = values.duplicate();
            while (s.hasRemaining()) {
                int k = Math.min(s.remaining(), scratch.capacity() / 4);
                scratch.clear();
                scratch.asFloatBuffer().put(s.slice(s.position(), k));
                s.position(s.position() + k);
                out.write(scratch.array(), 0, 4 * k);
            }
        });
    }
}
