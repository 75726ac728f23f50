package org.datahandle.spark;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.io.compress.CompressionOutputStream;
import org.apache.hadoop.io.compress.Compressor;
import org.apache.hadoop.io.compress.GzipCodec;

/**
 * Lets Spark read {@code .bgz} files. BGZF is a series of gzip members, which Hadoop's gzip decoder
 * reads whole; without this codec Hadoop knows no {@code .bgz} extension and Spark reads the
 * compressed bytes as text, with no error (research/spark-db-vcf.md A5). Read-only: Hadoop's gzip
 * encoder writes one plain member, which would be a {@code .bgz} file that is not BGZF.
 */
public class BgzCodec extends GzipCodec {
    @Override
    public String getDefaultExtension() {
        return ".bgz";
    }

    @Override
    public CompressionOutputStream createOutputStream(OutputStream out) throws IOException {
        throw refuseWrite();
    }

    @Override
    public CompressionOutputStream createOutputStream(OutputStream out, Compressor compressor) throws IOException {
        throw refuseWrite();
    }

    private static IOException refuseWrite() {
        return new IOException("writing .bgz (BGZF) from Spark is not supported: Hadoop's gzip encoder does not make"
                + " BGZF blocks; write .gz, or write with the library's own bgz compression");
    }
}
