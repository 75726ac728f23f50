package org.datahandle.spark;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionInputStream;
import org.apache.hadoop.io.compress.CompressionOutputStream;
import org.apache.hadoop.io.compress.Compressor;
import org.apache.hadoop.io.compress.Decompressor;

/**
 * Lets Spark read and write {@code .zst} files through zstd-jni (which Spark itself ships), instead
 * of Hadoop's {@code ZStandardCodec}, which fails with "native zStandard library not available"
 * unless libhadoop was built with zstd (research/spark-db-vcf.md A5). Reads concatenated frames.
 * Streams only: no pooled compressor objects.
 */
public class ZstdJniCodec implements CompressionCodec {
    @Override
    public CompressionOutputStream createOutputStream(OutputStream out) throws IOException {
        return new ZstdOut(out);
    }

    @Override
    public CompressionOutputStream createOutputStream(OutputStream out, Compressor compressor) throws IOException {
        return new ZstdOut(out);
    }

    @Override
    public Class<? extends Compressor> getCompressorType() {
        return null;
    }

    @Override
    public Compressor createCompressor() {
        return null;
    }

    @Override
    public CompressionInputStream createInputStream(InputStream in) throws IOException {
        return new ZstdIn(in);
    }

    @Override
    public CompressionInputStream createInputStream(InputStream in, Decompressor decompressor) throws IOException {
        return new ZstdIn(in);
    }

    @Override
    public Class<? extends Decompressor> getDecompressorType() {
        return null;
    }

    @Override
    public Decompressor createDecompressor() {
        return null;
    }

    @Override
    public String getDefaultExtension() {
        return ".zst";
    }

    private static final class ZstdIn extends CompressionInputStream {
        private final ZstdInputStream zstd;

        ZstdIn(InputStream in) throws IOException {
            super(in);
            this.zstd = new ZstdInputStream(in);
            this.zstd.setContinuous(false);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return zstd.read(b, off, len);
        }

        @Override
        public int read() throws IOException {
            return zstd.read();
        }

        @Override
        public void resetState() {
            // one stream per file; nothing to reset between splits, since .zst is not splittable
        }

        @Override
        public void close() throws IOException {
            zstd.close();
        }
    }

    private static final class ZstdOut extends CompressionOutputStream {
        private final ZstdOutputStream zstd;

        ZstdOut(OutputStream out) throws IOException {
            super(out);
            this.zstd = new ZstdOutputStream(out);
        }

        @Override
        public void write(int b) throws IOException {
            zstd.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            zstd.write(b, off, len);
        }

        @Override
        public void finish() throws IOException {
            zstd.flush();
        }

        @Override
        public void resetState() {
            // a new frame would need a new stream; Hadoop calls this only for pooled compressors
        }

        @Override
        public void close() throws IOException {
            zstd.close();
        }
    }
}
