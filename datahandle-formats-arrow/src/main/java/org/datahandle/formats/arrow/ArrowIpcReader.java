package org.datahandle.formats.arrow;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.datahandle.DataFormatException;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Column;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Reads an Arrow IPC stream or file, one record batch per {@link #next()}, as {@link Table}s. The format is
 * recognised from the first bytes ({@code ARROW1} for a file). Files are read front to back like streams, so
 * any {@link InputStream} will do (a pipe, an HTTP body, a decompressing stream); the file's footer is then
 * checked to close the file properly.
 *
 * <p>Reads what pyarrow and other Arrow writers produce: several batches, dictionary-encoded columns (with
 * delta dictionaries), large and fixed-size binary and lists, maps, narrower and unsigned integers, other
 * time units, LZ4 frame and ZSTD compressed bodies. Not thread-safe.
 */
public final class ArrowIpcReader implements TableReader {
    private final InputStream in;
    private final Origin origin;
    private final boolean file;
    private final MessageReader messages;
    private final ArrowSchemas.IpcSchema schema;
    private final Map<Long, Column> dictionaries = new HashMap<>();
    private final Map<Long, IpcField> dictionaryFields = new HashMap<>();
    private boolean ended;
    private long generation;

    ArrowIpcReader(InputStream input, Origin origin) throws IOException {
        this.origin = requireNonNull(origin, "origin is null");
        PushbackInputStream pushback = new PushbackInputStream(requireNonNull(input, "input is null"), 8);
        this.in = pushback;
        byte[] head = pushback.readNBytes(8);
        long position = 0;
        if (head.length >= 6 && Arrays.equals(head, 0, 6, ArrowIpcWriter.FILE_MAGIC, 0, 6)) {
            if (head.length < 8) {
                throw origin.corrupt("the Arrow file ends inside its leading magic", head.length);
            }
            file = true;
            position = 8;
        } else {
            file = false;
            pushback.unread(head);
        }
        this.messages = new MessageReader(pushback, origin, position);
        Optional<MessageReader.IpcMessage> first = messages.next();
        if (first.isEmpty()) {
            throw origin.corrupt("the Arrow data has no schema: it starts with the end-of-stream marker", position);
        }
        MessageReader.IpcMessage m = first.get();
        if (m.message().headerType() != MessageHeader.Schema) {
            throw origin.corrupt("the Arrow data does not start with a schema message (found "
                    + headerName(m.message().headerType()) + ")", m.offset());
        }
        try {
            this.schema = ArrowSchemas.read((org.apache.arrow.flatbuf.Schema) m.message()
                    .header(new org.apache.arrow.flatbuf.Schema()), origin, m.offset(), m.metadataLength());
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // flatbuffers reads lazily and trusts its offsets: a corrupt one fails deep inside with any runtime error
            throw origin.corrupt("corrupt schema flatbuffer: " + e, m.offset(), e);
        }
        for (IpcField f : schema.fields()) {
            collectDictionaries(f);
        }
    }

    private void collectDictionaries(IpcField f) {
        f.dictionary().ifPresent(d -> dictionaryFields.put(d.id(), f.valuesField()));
        for (IpcField c : f.children()) {
            collectDictionaries(c);
        }
    }

    /** Whether the data is the IPC file format (else the stream format). */
    public boolean isFile() {
        return file;
    }

    @Override
    public Schema schema() {
        return schema.schema();
    }

    /** The schema's key-value metadata, as the writer stored it. */
    public Map<String, String> metadata() {
        return schema.metadata();
    }

    /**
     * The next record batch, or empty after the last.
     *
     * @throws org.datahandle.DataFormatException when the data is truncated or corrupt
     */
    @Override
    public Optional<Table> next() throws IOException {
        generation++;
        Optional<MessageReader.IpcMessage> m = nextBatchMessage();
        if (m.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(decode(m.get(), recordBatch(m.get())));
    }

    /**
     * The next record batch as it was encoded, checked as {@link #next()} checks it but decoded only when its
     * columns are not flat (lists, structs, decimals, dictionaries) or its body is compressed; empty after the
     * last. Hand it to an {@link ArrowIpcWriter}, which copies its bytes when it can. The batch is usable until
     * this reader's next call.
     *
     * @throws org.datahandle.DataFormatException when the data is truncated or corrupt
     */
    public Optional<EncodedBatch> nextEncoded() throws IOException {
        generation++;
        Optional<MessageReader.IpcMessage> next = nextBatchMessage();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        MessageReader.IpcMessage m = next.get();
        RecordBatch batch = recordBatch(m);
        try {
            BatchDecoder.Result r = BatchDecoder.checkable(schema, batch)
                    ? BatchDecoder.check(schema, batch, m.body(), m.bodyLength(), m.bodyOffset(), origin)
                    : BatchDecoder.decodeCounting(schema, batch, m.body(), m.bodyLength(), m.bodyOffset(), origin,
                            dictionaries);
            return Optional.of(new EncodedBatch(this, generation, m, batch, r.rows(), r.tight(), r.table()));
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw origin.corrupt("corrupt message flatbuffer: " + e, m.offset(), e);
        }
    }

    /** Decodes a record batch message of this stream (the current one: its body is the reader's buffer). */
    Table decode(MessageReader.IpcMessage m, RecordBatch batch) {
        try {
            return BatchDecoder.decode(schema, batch, m.body(), m.bodyLength(), m.bodyOffset(), origin, dictionaries);
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw origin.corrupt("corrupt message flatbuffer: " + e, m.offset(), e);
        }
    }

    private RecordBatch recordBatch(MessageReader.IpcMessage m) {
        try {
            return (RecordBatch) m.message().header(new RecordBatch());
        } catch (RuntimeException e) {
            throw origin.corrupt("corrupt message flatbuffer: " + e, m.offset(), e);
        }
    }

    /** Counts calls that move the reader on, after which an {@link EncodedBatch}'s bytes are gone. */
    long generation() {
        return generation;
    }

    /** The schema's Arrow fields as the stream declared them. */
    java.util.List<IpcField> ipcFields() {
        return schema.fields();
    }

    /** Reads on to the next record batch message, taking in dictionary batches; empty at the end. */
    private Optional<MessageReader.IpcMessage> nextBatchMessage() throws IOException {
        while (!ended) {
            Optional<MessageReader.IpcMessage> next = messages.next();
            if (next.isEmpty()) {
                ended = true;
                if (file) {
                    checkFooter();
                }
                return Optional.empty();
            }
            MessageReader.IpcMessage m = next.get();
            try {
                byte type = m.message().headerType();
                if (type == MessageHeader.RecordBatch) {
                    return next;
                }
                if (type == MessageHeader.DictionaryBatch) {
                    readDictionary(m);
                    continue;
                }
                throw origin.corrupt("unexpected " + headerName(type) + " message after the schema", m.offset());
            } catch (DataFormatException e) {
                throw e;
            } catch (RuntimeException e) {
                throw origin.corrupt("corrupt message flatbuffer: " + e, m.offset(), e);
            }
        }
        return Optional.empty();
    }

    private void readDictionary(MessageReader.IpcMessage m) {
        DictionaryBatch d = (DictionaryBatch) m.message().header(new DictionaryBatch());
        IpcField values = dictionaryFields.get(d.id());
        if (values == null) {
            throw origin.corrupt("dictionary batch " + d.id() + " belongs to no column of the schema", m.offset());
        }
        RecordBatch data = d.data();
        if (data == null) {
            throw origin.corrupt("dictionary batch " + d.id() + " has no data", m.offset());
        }
        Column column = BatchDecoder.decodeDictionary(values, data, m.body(), m.bodyLength(), m.bodyOffset(), origin,
                dictionaries);
        Column previous = dictionaries.get(d.id());
        if (d.isDelta() && previous != null) {
            Column.Builder b = Column.builder(previous.type(), previous.size() + column.size());
            b.appendRange(previous, 0, previous.size());
            b.appendRange(column, 0, column.size());
            column = b.build();
        }
        dictionaries.put(d.id(), column);
    }

    /** After the end-of-stream marker of a file: the footer, its length and the closing magic. */
    private void checkFooter() throws IOException {
        long start = messages.position();
        byte[] rest = messages.readRest(MessageReader.MAX_METADATA + 10, "the Arrow file footer");
        int n = rest.length;
        if (n < 10 || !Arrays.equals(rest, n - 6, n, ArrowIpcWriter.FILE_MAGIC, 0, 6)) {
            throw origin.corrupt("the Arrow file does not end with its footer and the ARROW1 magic (truncated?)",
                    start + n);
        }
        int footerLength = ByteBuffer.wrap(rest, n - 10, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (footerLength != n - 10) {
            throw origin.corrupt("the Arrow file footer length " + footerLength + " does not match the "
                    + (n - 10) + " bytes between the end-of-stream marker and the closing magic", start + n - 10);
        }
    }

    private static String headerName(byte type) {
        return type >= 0 && type < MessageHeader.names.length ? MessageHeader.names[type] : "#" + type;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
