package org.datahandle.formats.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
        Where where = Where.of(source);
        SeekableInput input = source.openSeekable();
        try {
            return open(where, input);
        } catch (IOException | RuntimeException e) {
            try {
                input.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static ParquetFile open(Where where, SeekableInput input) throws IOException {
        long length = input.length();
        checkFrame(where, input, length);
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .usePageChecksumVerification(true)
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
            MessageType message = meta.getSchema();
            ReadMapping mapping = new ReadMapping(where);
            Schema schema = mapping.schemaOf(message);
            RowGroupDecoder decoder = new RowGroupDecoder(message, schema, new Converters(mapping), meta.getCreatedBy());
            return new ParquetFile(where, input, reader, schema, decoder);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
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
        List<BlockMetaData> blocks = reader.getRowGroups();
        while (rowGroup < blocks.size()) {
            int index = rowGroup++;
            BlockMetaData block = blocks.get(index);
            if (block.getRowCount() == 0) {
                continue;
            }
            try {
                return Optional.of(read(index));
            } catch (ParquetCryptoRuntimeException e) {
                throw where.encrypted();
            } catch (LinkageError | BadConfigurationException e) {
                // A decompressor whose library is not on the class path (Hadoop's LZ4 needs lz4-java,
                // Brotli a codec Hadoop does not ship).
                throw where.unsupported("row group " + index + " is compressed with " + codecs(block)
                        + ", whose decoder is not available (" + e + ")", e);
            } catch (DataFormatException | UnsupportedFormatException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw where.corrupt("row group " + index + " (" + block.getRowCount() + " rows) could not be decoded: "
                        + e, block.getStartingPos(), e);
            }
        }
        return Optional.empty();
    }

    private static String codecs(BlockMetaData block) {
        return block.getColumns().stream().map(c -> c.getCodec().name()).distinct().sorted().toList().toString();
    }

    private Table read(int index) throws IOException {
        PageReadStore pages = reader.readRowGroup(index);
        if (pages == null) {
            throw new IOException("row group " + index + " is missing");
        }
        return decoder.decode(pages);
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
