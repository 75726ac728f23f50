package org.datahandle.formats.parquet;

import java.util.Arrays;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * parquet-java's value writers, except the dictionary of BYTE_ARRAY (string) columns. Its lookup
 * goes through a hash map of {@link Binary} objects, whose probes chase a reference to an object
 * and on to its array; the write profile had a third of its samples in {@code Binary.equals} under
 * that lookup. {@link BinaryDictionary} finds ids in flat arrays (hash and id side by side, the
 * bytes of all entries in one array), and keeps parquet-java's map only for what parquet-java reads
 * of it: the dictionary page and the fallback to PLAIN. Same encodings, same pages, same bytes.
 */
final class WriterFactory implements ValuesWriterFactory {
    private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();
    private ParquetProperties properties;

    @Override
    public void initialize(ParquetProperties parquetProperties) {
        this.properties = parquetProperties;
        defaults.initialize(parquetProperties);
    }

    @Override
    @SuppressWarnings("deprecation") // PLAIN_DICTIONARY: the encoding names of the V1 format, as parquet-java writes
    public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
        if (descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                && properties.getWriterVersion() == ParquetProperties.WriterVersion.PARQUET_1_0
                && properties.isDictionaryEnabled(descriptor)) {
            ValuesWriter plain = new PlainValuesWriter(properties.getInitialSlabSize(),
                    properties.getPageSizeThreshold(), properties.getAllocator());
            return FallbackValuesWriter.of(new BinaryDictionary(properties.getDictionaryPageSizeThreshold(),
                    Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, properties.getAllocator()), plain);
        }
        return defaults.newValuesWriter(descriptor);
    }

    /** parquet-java's binary dictionary writer with an array-based lookup in front of its map. */
    static final class BinaryDictionary extends DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter {
        private int[] slots = new int[1 << 10]; // id + 1 per slot, 0 when empty
        private int[] hashes = new int[1 << 10];
        private byte[] bytes = new byte[1 << 12];
        private int[] starts = new int[1 << 8]; // entry id -> its start in bytes; starts[id + 1] its end
        private int count;

        BinaryDictionary(int maxDictionaryByteSize, Encoding dataPage, Encoding dictionaryPage,
                ByteBufferAllocator allocator) {
            super(maxDictionaryByteSize, dataPage, dictionaryPage, allocator);
        }

        @Override
        public void writeBytes(Binary v) {
            byte[] src = v.getBytesUnsafe();
            int length = v.length();
            int hash = hash(src, length);
            int mask = slots.length - 1;
            int pos = mix(hash) & mask;
            while (true) {
                int slot = slots[pos];
                if (slot == 0) {
                    break;
                }
                int id = slot - 1;
                if (hashes[pos] == hash && equal(id, src, length)) {
                    encodedValues.add(id);
                    return;
                }
                pos = (pos + 1) & mask;
            }
            int id = binaryDictionaryContent.size();
            binaryDictionaryContent.put(v.copy(), id);
            dictionaryByteSize += 4L + length;
            add(id, hash, src, length);
            encodedValues.add(id);
        }

        @Override
        protected void clearDictionaryContent() {
            super.clearDictionaryContent();
            Arrays.fill(slots, 0);
            count = 0;
        }

        private boolean equal(int id, byte[] src, int length) {
            int start = starts[id];
            return starts[id + 1] - start == length && Arrays.equals(bytes, start, start + length, src, 0, length);
        }

        private void add(int id, int hash, byte[] src, int length) {
            if (id != count) {
                throw new IllegalStateException("dictionary ids out of step: " + id + " after " + count + " entries");
            }
            int end = starts[count];
            if (end + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, end + length));
            }
            System.arraycopy(src, 0, bytes, end, length);
            if (count + 2 > starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[count + 1] = end + length;
            count++;
            if (count * 2 > slots.length) {
                rehash(slots.length * 2);
            } else {
                place(slots, hashes, hash, id);
            }
        }

        private void rehash(int size) {
            int[] newSlots = new int[size];
            int[] newHashes = new int[size];
            for (int id = 0; id < count; id++) {
                int start = starts[id];
                place(newSlots, newHashes, hash(Arrays.copyOfRange(bytes, start, starts[id + 1]),
                        starts[id + 1] - start), id);
            }
            slots = newSlots;
            hashes = newHashes;
        }

        private static void place(int[] slots, int[] hashes, int hash, int id) {
            int mask = slots.length - 1;
            int pos = mix(hash) & mask;
            while (slots[pos] != 0) {
                pos = (pos + 1) & mask;
            }
            slots[pos] = id + 1;
            hashes[pos] = hash;
        }

        private static int hash(byte[] b, int length) {
            int h = 1;
            for (int i = 0; i < length; i++) {
                h = 31 * h + b[i];
            }
            return h;
        }

        private static int mix(int x) {
            int h = x * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
