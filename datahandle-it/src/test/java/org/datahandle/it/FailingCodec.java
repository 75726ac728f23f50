package org.datahandle.it;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;
import org.datahandle.spi.FileFormat;
import org.datahandle.spi.FormatProvider;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * A third-party format {@code boom} ({@code .boom}) whose writer writes some bytes and then fails
 * like a full disk, registered explicitly on a registry: what a half-done dump leaves behind.
 */
final class FailingCodec implements CodecFactory, FormatProvider {

    @Override
    public List<FileFormat> formats() {
        return List.of(FileFormat.tabular("boom", "the tests", ".boom"));
    }

    @Override
    public String format() {
        return "boom";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of();
    }

    @Override
    public Codec create(Map<String, Object> options) {
        return new Codec() {
            @Override
            public TableReader openReader(List<ReadSource> sources) {
                throw new UnsupportedOperationException("boom files are never read in these tests");
            }

            @Override
            public TableReader openStream(List<ReadSource> sources) {
                throw new UnsupportedOperationException("boom files are never read in these tests");
            }

            @Override
            public TableWriter openWriter(WriteTarget target, Schema schema) throws IOException {
                OutputStream out = target.open();
                return new TableWriter() {
                    @Override
                    public void write(Table batch) throws IOException {
                        out.write(new byte[100_000]);
                        out.flush();
                        throw new IOException("No space left on device");
                    }

                    @Override
                    public void close() throws IOException {
                        out.close();
                    }
                };
            }
        };
    }
}
