package org.datahandle.formats.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * The page decompressors of one reader, safe to use from several threads at once, so that the row
 * groups of a file can be decompressed and decoded in parallel. parquet-java's {@link CodecFactory}
 * hands out one stateful decompressor per codec, and its result is lazy (decompressed when read);
 * here every call borrows a decompressor of its own from a pool, reads the result out completely,
 * then returns it.
 *
 * <p>Reading only: {@link #getCompressor} is not offered.
 */
final class Decompressors implements CompressionCodecFactory {
    private static final HeapByteBufferAllocator HEAP = new HeapByteBufferAllocator();
    private final Map<CompressionCodecName, Pool> pools = new ConcurrentHashMap<>();
    private volatile boolean released;

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return pools.computeIfAbsent(codec, Pool::new);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("a reader's codec factory does not compress");
    }

    /** Releases the idle decompressors; one in use is released when it is given back. */
    @Override
    public void release() {
        released = true;
        for (Pool p : pools.values()) {
            p.drain();
        }
    }

    /**
     * A Snappy page, array to array: snappy-java's byte-array call is stateless and thread-safe, and
     * skips the two direct-buffer copies of the Hadoop codec path (a third of a read's time went to
     * Snappy, much of it in those copies).
     */
    private static BytesInput snappy(BytesInput compressed, int decompressedSize) throws IOException {
        Slice in = Slice.of(compressed);
        if (in.length() == 0 && decompressedSize == 0) {
            return BytesInput.empty(); // a V2 page of nulls only
        }
        int actual = Snappy.uncompressedLength(in.array(), in.offset(), in.length());
        if (actual != decompressedSize) {
            throw new IOException("a Snappy page holds " + actual + " bytes where its header says " + decompressedSize);
        }
        byte[] out = new byte[decompressedSize];
        int n = Snappy.uncompress(in.array(), in.offset(), in.length(), out, 0);
        if (n != decompressedSize) {
            throw new IOException("a Snappy page decompressed to " + n + " bytes where its header says "
                    + decompressedSize);
        }
        return BytesInput.from(out);
    }

    /** A compressed page's bytes as an array range: the page's own array when it has one, else a copy. */
    private record Slice(byte[] array, int offset, int length) {
        static Slice of(BytesInput compressed) throws IOException {
            ByteBuffer in = compressed.toByteBuffer(HEAP, buffer -> { });
            if (in.hasArray()) {
                return new Slice(in.array(), in.arrayOffset() + in.position(), in.remaining());
            }
            byte[] copy = new byte[in.remaining()];
            in.duplicate().get(copy);
            return new Slice(copy, 0, copy.length);
        }
    }

    /**
     * The largest page we decompress: an eighth of the heap, at most 1 GiB. A page header's size is a
     * claim (a 4 KB Brotli page can claim 1 GiB, as one parquet-testing file does); a page beyond
     * this would end in an OutOfMemoryError rather than a table, so it is refused by name.
     */
    static long maxPageBytes() {
        return Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 8);
    }

    private static void checkSize(CompressionCodecName codec, int decompressedSize) throws IOException {
        if (decompressedSize < 0 || decompressedSize > maxPageBytes()) {
            throw new IOException("a " + codec + " page claims " + decompressedSize + " bytes decompressed; pages of"
                    + " more than " + maxPageBytes() + " bytes (an eighth of this JVM's heap, at most 1 GiB) are not"
                    + " read");
        }
    }

    /** Hadoop-framed LZ4 and Brotli, which Hadoop's shaded client cannot decompress (see {@link PageCodecs}). */
    private static BytesInput stateless(CompressionCodecName codec, BytesInput compressed, int decompressedSize)
            throws IOException {
        Slice in = Slice.of(compressed);
        if (in.length() == 0 && decompressedSize == 0) {
            return BytesInput.empty();
        }
        byte[] out = codec == CompressionCodecName.LZ4
                ? PageCodecs.lz4(in.array(), in.offset(), in.length(), decompressedSize)
                : PageCodecs.brotli(in.array(), in.offset(), in.length(), decompressedSize);
        return BytesInput.from(out);
    }

    /** One decompressor with the factory that owns it. */
    private record Entry(CodecFactory factory, BytesInputDecompressor decompressor) {
        void release() {
            decompressor.release();
            factory.release();
        }
    }

    private final class Pool implements BytesInputDecompressor {
        private final CompressionCodecName codec;
        private final ConcurrentLinkedDeque<Entry> idle = new ConcurrentLinkedDeque<>();

        Pool(CompressionCodecName codec) {
            this.codec = codec;
        }

        private Entry borrow() {
            Entry e = idle.pollFirst();
            if (e != null) {
                return e;
            }
            CodecFactory factory = new CodecFactory(new PlainParquetConfiguration(), 0);
            return new Entry(factory, factory.getDecompressor(codec));
        }

        private void giveBack(Entry e) {
            if (released) {
                e.release();
            } else {
                idle.addFirst(e);
            }
        }

        void drain() {
            for (Entry e = idle.pollFirst(); e != null; e = idle.pollFirst()) {
                e.release();
            }
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            checkSize(codec, decompressedSize);
            switch (codec) {
                case SNAPPY:
                    return snappy(bytes, decompressedSize);
                case LZ4:
                case BROTLI:
                    return stateless(codec, bytes, decompressedSize);
                default:
                    break;
            }
            Entry e = borrow();
            try {
                // read it all now: the decompressor is someone else's once given back
                BytesInput lazy = e.decompressor().decompress(bytes, decompressedSize);
                byte[] out = new byte[Math.toIntExact(lazy.size())];
                try (var in = lazy.toInputStream()) {
                    in.readNBytes(out, 0, out.length);
                }
                return BytesInput.from(out);
            } finally {
                giveBack(e);
            }
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            Entry e = borrow();
            try {
                e.decompressor().decompress(input, compressedSize, output, decompressedSize);
            } finally {
                giveBack(e);
            }
        }

        @Override
        public void release() {
            // the pool lives as long as its reader; Decompressors.release() ends it
        }
    }
}
