package org.datahandle.formats.arrow;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.datahandle.spi.Codec;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.Schema;

/** The codec of the {@code arrow} (IPC file) and {@code arrows} (IPC stream) formats. */
final class ArrowCodec implements Codec {
    private final ArrowWriteOptions options;
    private final boolean file;

    ArrowCodec(ArrowWriteOptions options, boolean file) {
        this.options = options;
        this.file = file;
    }

    @Override
    public TableReader openReader(List<ReadSource> sources) throws IOException {
        return new PartsReader(sources, ArrowCodec::open);
    }

    @Override
    public TableReader openStream(List<ReadSource> sources) throws IOException {
        return new PartsReader(sources, ArrowCodec::open);
    }

    @Override
    public TableWriter openWriter(WriteTarget target, Schema schema) throws IOException {
        return new ArrowIpcWriter(target.open(), schema, schema.metadata(), options, file);
    }

    private static TableReader open(ReadSource source) throws IOException {
        return new ArrowIpcReader(source.open(), new Origin(source.handleId(), source.location().uri()));
    }
}
