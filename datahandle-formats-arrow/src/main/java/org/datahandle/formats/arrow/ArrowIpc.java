package org.datahandle.formats.arrow;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Map;
import org.datahandle.table.Schema;

/**
 * Arrow IPC for {@code Table}s, with no Arrow runtime and no JVM flag: the entry point for code that moves
 * tables as Arrow bytes (files, shared memory, HTTP bodies, pipes).
 *
 * <pre>{@code
 * try (ArrowIpcWriter w = ArrowIpc.streamWriter(out, table.schema())) {
 *     w.write(table);                                   // one or more record batches
 * }
 * try (ArrowIpcReader r = ArrowIpc.reader(in, URI.create("http://host/handles/samples"))) {
 *     for (Optional<Table> b = r.next(); b.isPresent(); b = r.next()) { ... }
 * }
 * }</pre>
 *
 * <p>Writers produce uncompressed, 64-byte-aligned data by default, which pyarrow, numpy, Arrow C++ and the
 * npm {@code apache-arrow} package read in place; {@link ArrowWriteOptions#withCompression} compresses
 * bodies for storage. Readers accept both formats and what pyarrow writes (see {@link ArrowIpcReader}).
 */
public final class ArrowIpc {
    /** The media type of the IPC stream format. */
    public static final String STREAM_MEDIA_TYPE = "application/vnd.apache.arrow.stream";
    /** The media type of the IPC file format. */
    public static final String FILE_MEDIA_TYPE = "application/vnd.apache.arrow.file";

    private ArrowIpc() {}

    /** A writer of the IPC stream format with the default options. The schema is written at once. */
    public static ArrowIpcWriter streamWriter(OutputStream out, Schema schema) throws IOException {
        return streamWriter(out, schema, ArrowWriteOptions.defaults());
    }

    /** A writer of the IPC stream format. The schema is written at once. */
    public static ArrowIpcWriter streamWriter(OutputStream out, Schema schema, ArrowWriteOptions options)
            throws IOException {
        return new ArrowIpcWriter(out, schema, schema.metadata(), options, false);
    }

    /** A writer of the IPC stream format to a channel. */
    public static ArrowIpcWriter streamWriter(WritableByteChannel out, Schema schema, ArrowWriteOptions options)
            throws IOException {
        return streamWriter(Channels.newOutputStream(requireNonNull(out, "out is null")), schema, options);
    }

    /** A writer of the IPC file format (also Feather v2) with the default options. */
    public static ArrowIpcWriter fileWriter(OutputStream out, Schema schema) throws IOException {
        return fileWriter(out, schema, ArrowWriteOptions.defaults());
    }

    /** A writer of the IPC file format (also Feather v2). */
    public static ArrowIpcWriter fileWriter(OutputStream out, Schema schema, ArrowWriteOptions options)
            throws IOException {
        return new ArrowIpcWriter(out, schema, schema.metadata(), options, true);
    }

    /**
     * A reader of an IPC stream or file; the schema is read at once.
     *
     * @param source names the data in errors ({@code DataFormatException.path()})
     * @throws org.datahandle.DataFormatException when the data does not start with a valid schema
     */
    public static ArrowIpcReader reader(InputStream in, URI source) throws IOException {
        return new ArrowIpcReader(in, new Origin("", requireNonNull(source, "source is null")));
    }

    /** A reader of an IPC stream or file from a channel. */
    public static ArrowIpcReader reader(ReadableByteChannel in, URI source) throws IOException {
        return reader(Channels.newInputStream(requireNonNull(in, "in is null")), source);
    }

    /** A reader whose errors also name the handle being read. */
    public static ArrowIpcReader reader(InputStream in, String handleId, URI source) throws IOException {
        return new ArrowIpcReader(in, new Origin(requireNonNull(handleId, "handleId is null"),
                requireNonNull(source, "source is null")));
    }
}
