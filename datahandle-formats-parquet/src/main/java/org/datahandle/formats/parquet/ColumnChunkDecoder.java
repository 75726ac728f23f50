package org.datahandle.formats.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes the pages of one column chunk of a top-level, non-repeated primitive column (one value or
 * null per row) straight into a {@link ValueSink}, page by page: definition levels and dictionary
 * ids with {@link Hybrid}, PLAIN values with bulk little-endian reads, dictionary pages once per
 * chunk. This replaces parquet-java's {@code ColumnReader}, whose per-value state machine (a level,
 * a value and a converter call for every row) was most of the read time. parquet-java still reads
 * the pages from the file, checks their checksums and decompresses them; encodings other than PLAIN
 * and dictionary (the DELTA family, BYTE_STREAM_SPLIT, RLE booleans) go through its
 * {@link ValuesReader}s, one call per value.
 */
final class ColumnChunkDecoder {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final HeapByteBufferAllocator HEAP = new HeapByteBufferAllocator();

    private final ColumnDescriptor descriptor;
    private final PrimitiveTypeName physical;
    private final int maxDefinition;
    private final int typeLength;
    private ValueSink sink;
    private final PageValues values = new PageValues();
    private final int[] noDefinitions = new int[0];
    private int[] definitions = noDefinitions;
    private int[] ids = new int[0];
    private PageValues dictionary;
    /** The chunk being read: its pages, rows, and how many rows its decoded pages held. */
    private PageReader pages;
    private long rows;
    private long decoded;
    private boolean started;
    /** The current page: its rows, its levels (null when all present), the next row and value to emit. */
    private int pageRows;
    private int[] pageDefinitions;
    private int pageAt;
    private int valueAt;

    /**
     * @param sink where {@link #decode} puts the values; null for a decoder driven by {@link #emit},
     *     which is given a sink per batch
     */
    ColumnChunkDecoder(ColumnDescriptor descriptor, ValueSink sink) {
        if (descriptor.getMaxRepetitionLevel() != 0 || descriptor.getMaxDefinitionLevel() > 1) {
            throw new IllegalArgumentException("not a flat column: " + descriptor);
        }
        this.descriptor = descriptor;
        this.physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
        this.maxDefinition = descriptor.getMaxDefinitionLevel();
        this.typeLength = physical == PrimitiveTypeName.INT96 ? 12 : descriptor.getPrimitiveType().getTypeLength();
        this.sink = sink;
    }

    /**
     * Decodes every page of the chunk, which must hold exactly {@code rows} values.
     *
     * @throws ParquetDecodingException (or another runtime exception) on corrupt data
     */
    void decode(PageReader pages, long rows) throws IOException {
        start(pages, rows);
        emit(sink, rows);
        finish();
    }

    /** Starts reading a chunk of {@code rows} values; {@link #emit} then takes them a batch at a time. */
    void start(PageReader pages, long rows) {
        this.pages = pages;
        this.rows = rows;
    }

    /**
     * Appends the next {@code n} rows of the chunk to {@code into}, decoding (and decompressing)
     * only the pages they need; a page that holds more goes on in the next call. A stream passes a
     * sink over a new batch's builder each time.
     */
    void emit(ValueSink into, long n) throws IOException {
        this.sink = into;
        if (!started) {
            started = true;
            DictionaryPage dictionaryPage = pages.readDictionaryPage();
            if (dictionaryPage != null) {
                dictionary = decodeDictionary(dictionaryPage);
            }
        }
        long left = n;
        while (left > 0) {
            if (pageAt == pageRows) {
                if (!nextPage()) {
                    throw new ParquetDecodingException("column " + path() + " holds " + decoded
                            + " values, but its row group has " + rows + " rows");
                }
                continue;
            }
            int from = pageAt;
            int to = (int) Math.min(pageRows, from + left);
            into.emit(values, pageDefinitions, maxDefinition, from, to, valueAt);
            if (to < pageRows) {
                // the rest of the page goes to the next batch: find where its values start
                if (pageDefinitions == null) {
                    valueAt = to;
                } else {
                    for (int i = from; i < to; i++) {
                        if (pageDefinitions[i] == maxDefinition) {
                            valueAt++;
                        }
                    }
                }
            }
            pageAt = to;
            left -= to - from;
        }
    }

    /** Checks that the chunk ends where its row group does: no page left with values in it. */
    void finish() throws IOException {
        while (pageAt == pageRows && nextPage()) {
            // pages of no values may follow; nextPage fails on one with values
        }
        if (decoded != rows || pageAt != pageRows) {
            throw new ParquetDecodingException("column " + path() + " holds " + decoded + " values, but its row group has "
                    + rows + " rows");
        }
    }

    /** Decodes the next data page into {@link #values}; false after the last. */
    private boolean nextPage() throws IOException {
        DataPage page = pages.readPage();
        if (page == null) {
            return false;
        }
        int count = page.getValueCount();
        if (count < 0 || count > rows - decoded) {
            throw new ParquetDecodingException("column " + path() + ": a page claims " + count + " values where "
                    + (rows - decoded) + " of the row group's " + rows + " rows remain");
        }
        if (page instanceof DataPageV1 v1) {
            pageDefinitions = decodeV1(v1, count);
        } else if (page instanceof DataPageV2 v2) {
            pageDefinitions = decodeV2(v2, count);
        } else {
            throw new ParquetDecodingException("column " + path() + ": unknown page kind " + page.getClass().getName());
        }
        decoded += count;
        pageRows = count;
        pageAt = 0;
        valueAt = 0;
        return true;
    }

    private String path() {
        return String.join(".", descriptor.getPath());
    }

    /** Decodes a page's levels and values; returns its definition levels, or null when every row has a value. */
    private int[] decodeV1(DataPageV1 page, int count) throws IOException {
        byte[] data = bytes(page.getBytes());
        int pos = 0;
        int defined = count;
        int[] defs = noDefinitions;
        if (maxDefinition > 0) {
            if (page.getDlEncoding() == Encoding.RLE) {
                if (data.length < 4) {
                    throw new ParquetDecodingException("column " + path() + ": page of " + data.length
                            + " bytes has no room for its definition levels");
                }
                int length = (int) INT.get(data, 0);
                if (length < 0 || length > data.length - 4) {
                    throw new ParquetDecodingException("column " + path() + ": definition levels claim " + length
                            + " bytes of a " + data.length + "-byte page");
                }
                defs = definitions(count);
                defined = new Hybrid(data, 4, 4 + length, Hybrid.bitWidth(maxDefinition)).decodeCounting(defs, count, maxDefinition);
                pos = 4 + length;
            } else {
                ValuesReader levels = page.getDlEncoding().getValuesReader(descriptor, ValuesType.DEFINITION_LEVEL);
                ByteBufferInputStream in = ByteBufferInputStream.wrap(ByteBuffer.wrap(data));
                levels.initFromPage(count, in);
                defs = definitions(count);
                defined = 0;
                for (int i = 0; i < count; i++) {
                    defs[i] = levels.readInteger();
                    if (defs[i] == maxDefinition) {
                        defined++;
                    }
                }
                pos = (int) in.position();
            }
        }
        decodeValues(page.getValueEncoding(), data, pos, data.length, defined);
        return defs == noDefinitions || defined == count ? null : defs; // no null in the page: no levels to look at
    }

    private int[] decodeV2(DataPageV2 page, int count) throws IOException {
        int defined = count;
        int[] defs = noDefinitions;
        if (maxDefinition > 0) {
            byte[] levels = bytes(page.getDefinitionLevels());
            defs = definitions(count);
            defined = new Hybrid(levels, 0, levels.length, Hybrid.bitWidth(maxDefinition)).decodeCounting(defs, count, maxDefinition);
            if (count - defined != page.getNullCount()) {
                throw new ParquetDecodingException("column " + path() + ": a page claims " + page.getNullCount()
                        + " nulls but its definition levels give " + (count - defined));
            }
        }
        byte[] data = bytes(page.getData());
        decodeValues(page.getDataEncoding(), data, 0, data.length, defined);
        return defs == noDefinitions || defined == count ? null : defs;
    }

    /** The bytes of a page part, without a copy when they are a whole heap array (what {@link Decompressors} returns). */
    static byte[] bytes(BytesInput in) {
        // a heap allocator: nothing to release, and a whole array comes back as it is
        ByteBuffer b = in.toByteBuffer(HEAP, buffer -> { });
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.limit() == b.array().length) {
            return b.array();
        }
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return copy;
    }

    private int[] definitions(int count) {
        if (definitions.length < count) {
            definitions = new int[count];
        }
        return definitions;
    }

    private void decodeValues(Encoding encoding, byte[] data, int pos, int end, int count) throws IOException {
        values.count = count;
        if (encoding.usesDictionary()) {
            gather(data, pos, end, count); // values of the dictionary, checked when it was read
            return;
        }
        if (encoding == Encoding.PLAIN) {
            plain(values, data, pos, end, count);
        } else {
            withParquetJava(encoding, data, pos, end, count);
        }
        sink.check(values);
    }

    private PageValues decodeDictionary(DictionaryPage page) throws IOException {
        Encoding e = page.getEncoding();
        if (e != Encoding.PLAIN && !e.usesDictionary()) {
            throw new ParquetDecodingException("column " + path() + ": dictionary page encoded " + e
                    + ", expected PLAIN");
        }
        byte[] data = bytes(page.getBytes());
        int size = page.getDictionarySize();
        if (size < 0) {
            throw new ParquetDecodingException("column " + path() + ": dictionary of " + size + " entries in "
                    + data.length + " bytes");
        }
        // a new PageValues: its arrays hold exactly the entries, which lookUp relies on to reject an id past them
        PageValues dict = new PageValues();
        dict.count = size;
        plain(dict, data, 0, data.length, size);
        sink.check(dict);
        return dict;
    }

    /** Dictionary ids to the dictionary's values. */
    private void gather(byte[] data, int pos, int end, int count) {
        if (dictionary == null) {
            throw new ParquetDecodingException("column " + path() + ": dictionary-encoded page without a dictionary page");
        }
        if (count == 0) {
            return;
        }
        if (pos >= end) {
            throw new ParquetDecodingException("column " + path() + ": dictionary-encoded page without its bit width");
        }
        int bitWidth = data[pos] & 0xFF;
        if (ids.length < count) {
            ids = new int[count];
        }
        new Hybrid(data, pos + 1, end, bitWidth).decode(ids, count);
        try {
            lookUp(ids, count);
        } catch (ArrayIndexOutOfBoundsException e) {
            // the dictionary's arrays hold exactly its entries, so an id out of it fails the array access
            for (int i = 0; i < count; i++) {
                if (ids[i] < 0 || ids[i] >= dictionary.count) {
                    throw new ParquetDecodingException("column " + path() + ": dictionary id " + ids[i]
                            + " out of a dictionary of " + dictionary.count + " entries");
                }
            }
            throw e;
        }
    }

    /**
     * The dictionary's values of {@code ids[0, count)}, into {@link #values}: one small method per
     * type, so the JIT compiles only the loops a file uses, each on its own and early.
     */
    private void lookUp(int[] ids, int count) {
        PageValues d = dictionary;
        switch (physical) {
            case INT32 -> lookUp(ids, count, d.ints, values.ints(count));
            case INT64 -> lookUp(ids, count, d.longs, values.longs(count));
            case FLOAT -> lookUp(ids, count, d.floats, values.floats(count));
            case DOUBLE -> lookUp(ids, count, d.doubles, values.doubles(count));
            case BOOLEAN -> lookUp(ids, count, d.booleans, values.booleans(count));
            default -> {
                values.slices(count);
                values.bytes = d.bytes;
                lookUp(ids, count, d.starts, values.starts);
                lookUp(ids, count, d.lengths, values.lengths);
            }
        }
    }

    private static void lookUp(int[] ids, int count, int[] dict, int[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = dict[ids[i]];
        }
    }

    private static void lookUp(int[] ids, int count, long[] dict, long[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = dict[ids[i]];
        }
    }

    private static void lookUp(int[] ids, int count, float[] dict, float[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = dict[ids[i]];
        }
    }

    private static void lookUp(int[] ids, int count, double[] dict, double[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = dict[ids[i]];
        }
    }

    private static void lookUp(int[] ids, int count, boolean[] dict, boolean[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = dict[ids[i]];
        }
    }

    /** PLAIN values: fixed width little-endian, bit-packed booleans, or length-prefixed byte arrays. */
    private void plain(PageValues into, byte[] data, int pos, int end, int count) {
        switch (physical) {
            case INT32 -> {
                need(pos, end, 4L * count);
                littleEndian(data, pos, 4 * count).asIntBuffer().get(into.ints(count), 0, count);
            }
            case INT64 -> {
                need(pos, end, 8L * count);
                littleEndian(data, pos, 8 * count).asLongBuffer().get(into.longs(count), 0, count);
            }
            case FLOAT -> {
                need(pos, end, 4L * count);
                littleEndian(data, pos, 4 * count).asFloatBuffer().get(into.floats(count), 0, count);
            }
            case DOUBLE -> {
                need(pos, end, 8L * count);
                littleEndian(data, pos, 8 * count).asDoubleBuffer().get(into.doubles(count), 0, count);
            }
            case BOOLEAN -> {
                need(pos, end, (count + 7L) / 8);
                boolean[] out = into.booleans(count);
                for (int i = 0; i < count; i++) {
                    out[i] = (data[pos + (i >>> 3)] & (1 << (i & 7))) != 0;
                }
            }
            case BINARY -> {
                need(pos, end, 4L * count);
                into.slices(count);
                into.bytes = data;
                int p = pos;
                for (int i = 0; i < count; i++) {
                    need(p, end, 4);
                    int length = (int) INT.get(data, p);
                    p += 4;
                    if (length < 0 || length > end - p) {
                        throw new ParquetDecodingException("column " + path() + ": value " + i + " claims " + length
                                + " bytes where " + (end - p) + " remain in its page");
                    }
                    into.starts[i] = p;
                    into.lengths[i] = length;
                    p += length;
                }
            }
            case FIXED_LEN_BYTE_ARRAY, INT96 -> {
                need(pos, end, (long) typeLength * count);
                into.slices(count);
                into.bytes = data;
                for (int i = 0; i < count; i++) {
                    into.starts[i] = pos + typeLength * i;
                    into.lengths[i] = typeLength;
                }
            }
            default -> throw new ParquetDecodingException("column " + path() + ": unknown physical type " + physical);
        }
    }

    /**
     * Page bytes as a little-endian buffer, whose bulk {@code get} into an array is one memory copy
     * (a byte swap on a big-endian machine): as fast as it will be from the first call, with nothing
     * for the JIT to warm up, unlike a loop of reads.
     */
    private static ByteBuffer littleEndian(byte[] data, int pos, int length) {
        return ByteBuffer.wrap(data, pos, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void need(int pos, int end, long bytes) {
        if (bytes > end - pos) {
            throw new ParquetDecodingException("column " + path() + ": " + bytes + " bytes of values expected where only "
                    + (end - pos) + " remain in the page");
        }
    }

    /** Encodings we do not decode ourselves: parquet-java's reader, one value per call. */
    private void withParquetJava(Encoding encoding, byte[] data, int pos, int end, int count) throws IOException {
        if (encoding.usesDictionary()) {
            throw new ParquetDecodingException("column " + path() + ": unexpected encoding " + encoding);
        }
        ValuesReader reader = encoding.getValuesReader(descriptor, ValuesType.VALUES);
        reader.initFromPage(count, ByteBufferInputStream.wrap(ByteBuffer.wrap(data, pos, end - pos)));
        switch (physical) {
            case INT32 -> {
                int[] out = values.ints(count);
                for (int i = 0; i < count; i++) {
                    out[i] = reader.readInteger();
                }
            }
            case INT64 -> {
                long[] out = values.longs(count);
                for (int i = 0; i < count; i++) {
                    out[i] = reader.readLong();
                }
            }
            case FLOAT -> {
                float[] out = values.floats(count);
                for (int i = 0; i < count; i++) {
                    out[i] = reader.readFloat();
                }
            }
            case DOUBLE -> {
                double[] out = values.doubles(count);
                for (int i = 0; i < count; i++) {
                    out[i] = reader.readDouble();
                }
            }
            case BOOLEAN -> {
                boolean[] out = values.booleans(count);
                for (int i = 0; i < count; i++) {
                    out[i] = reader.readBoolean();
                }
            }
            default -> {
                // copy each value into one array, since the reader's binaries may share a reused buffer
                values.slices(count);
                byte[] copy = new byte[Math.max(16, end - pos)];
                int at = 0;
                for (int i = 0; i < count; i++) {
                    Binary b = reader.readBytes();
                    int length = b.length();
                    if (at + length > copy.length) {
                        long grown = Math.max(copy.length * 2L, (long) at + length);
                        if (grown > Integer.MAX_VALUE - 8) {
                            throw new ParquetDecodingException("column " + path() + ": a page's values exceed 2 GiB");
                        }
                        copy = java.util.Arrays.copyOf(copy, (int) grown);
                    }
                    ByteBuffer buffer = b.toByteBuffer();
                    buffer.get(buffer.position(), copy, at, length);
                    values.starts[i] = at;
                    values.lengths[i] = length;
                    at += length;
                }
                values.bytes = copy;
            }
        }
    }
}
