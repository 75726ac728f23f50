package org.datahandle.formats.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.ParquetCryptoRuntimeException;
import org.apache.parquet.hadoop.BadConfigurationException;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.schema.MessageType;
import org.datahandle.DataFormatException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.SeekableInput;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * One open Parquet file: the footer checked and mapped, then row groups read one at a time into
 * tables. Every failure of parquet-java is turned into a {@link DataFormatException} naming the
 * handle, the file and the byte offset; encryption and unsupported types into an
 * {@link UnsupportedFormatException}.
 */
final class ParquetFile implements Closeable {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);
    /** Leading magic, footer length, trailing magic. */
    private static final int MIN_LENGTH = 12;
    /** Footer key naming the writing object model; parquet-java's bookkeeping, not the schema's metadata. */
    static final String WRITER_MODEL_KEY = "writer.model.name";
    /** Arrow's serialised schema, which pyarrow writes beside the user's keys and strips on read. */
    private static final String ARROW_SCHEMA_KEY = "ARROW:schema";

    private final Where where;
    private final SeekableInput input;
    private final ParquetFileReader reader;
    private final Schema schema;
    private final RowGroupDecoder decoder;
    private int rowGroup;

    private ParquetFile(Where where, SeekableInput input, ParquetFileReader reader, Schema schema,
            RowGroupDecoder decoder) {
        this.where = where;
        this.input = input;
        this.reader = reader;
        this.schema = schema;
        this.decoder = decoder;
    }

    static ParquetFile open(ReadSource source) throws IOException {
        return open(source, false, false);
    }

    /**
     * @param binaryAsString read unannotated BYTE_ARRAY columns as strings
     * @param assembleAll decode every column through parquet-java's record assembly (see
     *     {@link RowGroupDecoder}); for tests that compare both paths
     */
    static ParquetFile open(ReadSource source, boolean binaryAsString, boolean assembleAll) throws IOException {
        Where where = Where.of(source);
        SeekableInput input = source.openSeekable();
        try {
            return open(where, input, binaryAsString, assembleAll);
        } catch (IOException | RuntimeException e) {
            try {
                input.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static ParquetFile open(Where where, SeekableInput input, boolean binaryAsString, boolean assembleAll)
            throws IOException {
        long length = input.length();
        checkFrame(where, input, length);
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .usePageChecksumVerification(true)
                .withCodecFactory(new Decompressors())
                .build();
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(new SeekableInputFile(input, length), options);
        } catch (ParquetCryptoRuntimeException e) {
            throw where.encrypted();
        } catch (IOException | RuntimeException e) {
            long footerLength = footerLength(input, length);
            throw where.corrupt("the footer (" + footerLength + " bytes before the trailing magic) could not be decoded: "
                    + e.getMessage(), length - 8 - footerLength, e);
        }
        try {
            FileMetaData meta = reader.getFooter().getFileMetaData();
            if (meta.getEncryptionType() != FileMetaData.EncryptionType.UNENCRYPTED) {
                throw where.encrypted();
            }
            for (BlockMetaData block : reader.getRowGroups()) {
                if (block.getColumns().stream().anyMatch(c -> c.isEncrypted())) {
                    throw where.encrypted();
                }
            }
            checkDeclaredSizes(where, reader.getRowGroups(), length);
            MessageType message = meta.getSchema();
            ReadMapping mapping = new ReadMapping(where, binaryAsString);
            Map<String, String> metadata = userMetadata(meta.getKeyValueMetaData());
            // which lists are maps is a fact of this file's schema, whatever an earlier writer noted
            metadata.remove(MapColumns.KEY);
            Set<String> maps = mapping.mapPaths(message);
            if (!maps.isEmpty()) {
                metadata.put(MapColumns.KEY, MapColumns.encode(maps));
            }
            Schema schema = mapping.schemaOf(message).withMetadata(metadata);
            RowGroupDecoder decoder = new RowGroupDecoder(message, schema, new Converters(mapping), meta.getCreatedBy(),
                    assembleAll);
            return new ParquetFile(where, input, reader, schema, decoder);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The footer's key-value metadata as {@link Schema#metadata()}: every key except the writers'
     * bookkeeping ({@code writer.model.name}, {@code ARROW:schema}), sorted so a read is repeatable.
     */
    private static Map<String, String> userMetadata(Map<String, String> footer) {
        Map<String, String> kept = new TreeMap<>();
        footer.forEach((k, v) -> {
            if (k != null && v != null && !k.equals(WRITER_MODEL_KEY) && !k.equals(ARROW_SCHEMA_KEY)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /**
     * What the footer claims must fit in the file: every column chunk starts and ends inside it, and
     * no row group is negative or larger than the file. A crafted footer then fails here, by name,
     * instead of sending the decoder to allocate or seek by its word.
     */
    private static void checkDeclaredSizes(Where where, List<BlockMetaData> blocks, long length) {
        for (int i = 0; i < blocks.size(); i++) {
            BlockMetaData block = blocks.get(i);
            if (block.getRowCount() < 0) {
                throw where.corrupt("row group " + i + " claims " + block.getRowCount() + " rows", length, null);
            }
            for (var column : block.getColumns()) {
                long start = column.getStartingPos();
                long size = column.getTotalSize();
                if (start < 0 || size < 0 || start > length || size > length - start) {
                    throw where.corrupt("row group " + i + ", column " + column.getPath() + " claims " + size
                            + " bytes at offset " + start + ", but the file has only " + length + " bytes", start, null);
                }
            }
        }
    }

    /** Checks the magic numbers and footer length ourselves, to say precisely what is wrong. */
    private static void checkFrame(Where where, SeekableInput input, long length) throws IOException {
        if (length < MIN_LENGTH) {
            throw where.corrupt("not a Parquet file: it has " + length + " bytes, fewer than the " + MIN_LENGTH
                    + " of the smallest Parquet file (magic 'PAR1', footer length, magic 'PAR1')", length, null);
        }
        byte[] head = readAt(input, 0, 4);
        byte[] tail = readAt(input, length - 4, 4);
        if (Arrays.equals(tail, ENCRYPTED_MAGIC) || Arrays.equals(head, ENCRYPTED_MAGIC)) {
            throw where.encrypted();
        }
        if (!Arrays.equals(head, MAGIC)) {
            throw where.corrupt("not a Parquet file: expected the magic 'PAR1', found " + printable(head), 0, null);
        }
        if (!Arrays.equals(tail, MAGIC)) {
            throw where.corrupt("truncated Parquet file: expected the trailing magic 'PAR1' that ends the footer, found "
                    + printable(tail) + " (the file is cut off or still being written)", length - 4, null);
        }
        long footerLength = footerLength(input, length);
        if (footerLength < 0 || footerLength > length - MIN_LENGTH) {
            throw where.corrupt("corrupt Parquet footer length " + footerLength + ": the file has only "
                    + (length - MIN_LENGTH) + " bytes besides the magic numbers", length - 8, null);
        }
    }

    private static long footerLength(SeekableInput input, long length) throws IOException {
        return ByteBuffer.wrap(readAt(input, length - 8, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static byte[] readAt(SeekableInput input, long position, int count) throws IOException {
        byte[] bytes = new byte[count];
        int done = 0;
        while (done < count) {
            int n = input.read(position + done, bytes, done, count - done);
            if (n < 0) {
                return Arrays.copyOf(bytes, done);
            }
            done += n;
        }
        return bytes;
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder("0x");
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }

    Where where() {
        return where;
    }

    Schema schema() {
        return schema;
    }

    /** The next row group as a table, or empty after the last. */
    Optional<Table> nextRowGroup() throws IOException {
        Optional<RowGroupPages> pages = nextPages();
        return pages.isEmpty() ? Optional.empty() : Optional.of(decode(pages.get()));
    }

    /** The pages of one row group, read from the file (still compressed), ready to decode on any thread. */
    record RowGroupPages(ParquetFile file, int index, BlockMetaData block, PageReadStore pages) {}

    /**
     * Reads the next non-empty row group's pages into memory, checking their checksums: the I/O part
     * of a read, done on the reading thread, one row group after another.
     */
    Optional<RowGroupPages> nextPages() throws IOException {
        List<BlockMetaData> blocks = reader.getRowGroups();
        while (rowGroup < blocks.size()) {
            int index = rowGroup++;
            BlockMetaData block = blocks.get(index);
            if (block.getRowCount() == 0) {
                continue;
            }
            try {
                PageReadStore pages = reader.readRowGroup(index);
                if (pages == null) {
                    throw new IOException("row group " + index + " is missing");
                }
                return Optional.of(new RowGroupPages(this, index, block, pages));
            } catch (RuntimeException | IOException | LinkageError e) {
                throw translate(index, block, e);
            }
        }
        return Optional.empty();
    }

    /**
     * Decompresses and decodes the pages of a row group into a table: the CPU part of a read, which
     * may run on any thread, several at once.
     */
    Table decode(RowGroupPages rowGroup) {
        try {
            return decoder.decode(rowGroup.pages());
        } catch (RuntimeException | IOException | LinkageError e) {
            throw translate(rowGroup.index(), rowGroup.block(), e);
        }
    }

    /**
     * Decompresses and decodes the pages of a row group into its rows of a whole read ({@link
     * WholeTable}); like {@link #decode}, on any thread, several at once, and failures translated.
     */
    void decodeInto(RowGroupPages rowGroup, WholeTable whole, ColumnTarget.Slot slot) {
        try {
            decoder.decodeInto(rowGroup.pages(), whole, slot);
        } catch (RuntimeException | IOException | LinkageError e) {
            throw translate(rowGroup.index(), rowGroup.block(), e);
        }
    }

    /** The rows of each row group, in file order, as the footer gives them. */
    long[] rowGroupRows() {
        return reader.getRowGroups().stream().mapToLong(BlockMetaData::getRowCount).toArray();
    }

    /**
     * A row group's pages decoded a batch at a time (see {@link RowGroupDecoder.Batches}), for a
     * stream; failures are translated as {@link #decode} does. Used by one thread at a time.
     */
    final class Batches {
        private final RowGroupPages rowGroup;
        private RowGroupDecoder.Batches batches;

        Batches(RowGroupPages rowGroup) {
            this.rowGroup = rowGroup;
        }

        /** The next at most {@code maxRows} rows of the row group, or empty after its last. */
        Optional<Table> next(int maxRows) {
            try {
                if (batches == null) {
                    batches = decoder.batches(rowGroup.pages());
                }
                return Optional.ofNullable(batches.next(maxRows));
            } catch (RuntimeException | IOException | LinkageError e) {
                throw translate(rowGroup.index(), rowGroup.block(), e);
            }
        }
    }

    /** A failure of parquet-java or of the data, as the DataHandle error that names handle, file and offset. */
    private RuntimeException translate(int index, BlockMetaData block, Throwable e) {
        if (e instanceof ParquetCryptoRuntimeException) {
            return where.encrypted();
        }
        if (e instanceof LinkageError || e instanceof BadConfigurationException) {
            // A decompressor whose library is not on the class path.
            return where.unsupported("row group " + index + " is compressed with " + codecs(block)
                    + ", whose decoder is not available (" + e + ")", e);
        }
        if (e instanceof DataFormatException || e instanceof UnsupportedFormatException) {
            return (RuntimeException) e;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return where.corrupt("row group " + index + " (" + block.getRowCount() + " rows) could not be decoded: "
                + describe(e), block.getStartingPos(), e);
    }

    /** The exception and its causes, so the message says what parquet-java's wrappers ("could not decompress") hide. */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        Throwable seen = e;
        for (Throwable c = e.getCause(); c != null && c != seen && sb.length() < 1000; seen = c, c = c.getCause()) {
            sb.append(": ").append(c.getMessage() == null ? c.getClass().getName() : c.getMessage());
        }
        return sb.toString();
    }

    private static String codecs(BlockMetaData block) {
        return block.getColumns().stream().map(c -> c.getCodec().name()).distinct().sorted().toList().toString();
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            input.close();
        }
    }
}
