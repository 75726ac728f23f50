package org.datahandle.formats.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What is particular to BGZF; truncation, concatenated files, trailing garbage, empty input and the
 * level option are checked for every compression by {@code CompressionContractTest}.
 */
// The timeout is a hang guard for bad input and thread pools, not a performance assertion.
@Timeout(120)
class BgzfCodecTest {

    private static final int BLOCK = Bgzf.WRITE_BLOCK_LENGTH;
    private final BgzfCodec codec = new BgzfCodec();

    /** Offsets of every block, checked against the BGZF layout on the way. */
    private static List<Integer> blockOffsets(byte[] file) {
        List<Integer> offsets = new ArrayList<>();
        int at = 0;
        while (at < file.length) {
            byte[] header = Arrays.copyOfRange(file, at, at + Bgzf.HEADER_LENGTH);
            assertThat(Bgzf.isBlockHeader(header, header.length)).as("header at %d", at).isTrue();
            int length = Bgzf.uint16(header, 16) + 1;
            assertThat(length).isLessThanOrEqualTo(Bgzf.MAX_BLOCK_LENGTH);
            assertThat(Bgzf.int32(file, at + length - 4)).isBetween(0, BLOCK);
            offsets.add(at);
            at += length;
        }
        assertThat(at).isEqualTo(file.length);
        return offsets;
    }

    private static byte[] read(byte[] file, int threads) throws IOException {
        try (InputStream in = new BlockCompressedInputStream(new ByteArrayInputStream(file), threads)) {
            return in.readAllBytes();
        }
    }

    @Test
    void writesFullBlocksOfHtslibSizeAndEndsWithTheEofBlock() throws IOException {
        byte[] data = TestBytes.text(5 * BLOCK + 10, 1);
        byte[] file = TestBytes.compress(codec, data, Map.of());

        List<Integer> offsets = blockOffsets(file);
        assertThat(offsets).hasSize(7);
        for (int i = 0; i < 5; i++) {
            assertThat(Bgzf.int32(file, offsets.get(i + 1) - 4)).as("ISIZE of block %d", i).isEqualTo(BLOCK);
        }
        assertThat(Arrays.copyOfRange(file, file.length - 28, file.length)).isEqualTo(Bgzf.EOF_BLOCK);
    }

    @Test
    void emptyDataIsOnlyTheEofBlock() throws IOException {
        byte[] file = TestBytes.compress(codec, new byte[0], Map.of());

        assertThat(file).isEqualTo(Bgzf.EOF_BLOCK);
        assertThat(TestBytes.decompress(codec, file)).isEmpty();
    }

    @Test
    void parallelCompressionWritesTheSameBytesAsOneThread() throws IOException {
        byte[] data = TestBytes.text(13 * BLOCK + 999, 2);

        byte[] single = TestBytes.compress(codec, data, Map.of("threads", 1));
        assertThat(TestBytes.compress(codec, data, Map.of("threads", 2))).isEqualTo(single);
        assertThat(TestBytes.compress(codec, data, Map.of("threads", 5))).isEqualTo(single);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void readsManyBlocksInOrderWithAnyNumberOfThreads(int threads) throws IOException {
        byte[] data = TestBytes.random(3 * BLOCK, 3);
        byte[] text = TestBytes.text(17 * BLOCK + 5, 4);
        byte[] file = TestBytes.compress(codec, TestBytes.concat(data, text), Map.of("threads", 2));

        assertThat(read(file, threads)).isEqualTo(TestBytes.concat(data, text));
    }

    @Test
    void inflatesOnTheGivenExecutorInsteadOfAPoolOfItsOwn() throws IOException {
        byte[] data = TestBytes.text(6 * BlockCompressedInputStream.INLINE_BLOCKS * BLOCK, 17);
        byte[] file = TestBytes.compress(codec, data, Map.of());
        java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService engine = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Executor counting = task -> {
                tasks.incrementAndGet();
                engine.execute(task);
            };
            try (BlockCompressedInputStream in = new BlockCompressedInputStream(new ByteArrayInputStream(file), 2,
                    counting)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
                assertThat(in.startedWorkers()).isTrue();
                assertThat(in.startedOwnPool()).as("a pool of its own").isFalse();
            }
            assertThat(tasks.get()).as("tasks run on the given executor").isPositive();
            assertThat(engine.isShutdown()).as("the given executor is left running").isFalse();
            try (InputStream in = codec.decompress(new ByteArrayInputStream(file), counting)) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        } finally {
            engine.shutdownNow();
        }
    }

    @Test
    void aSharedExecutorWithNoFreeThreadSlowsAReadButNeverStallsIt() throws IOException {
        byte[] data = TestBytes.text(6 * BlockCompressedInputStream.INLINE_BLOCKS * BLOCK, 18);
        byte[] file = TestBytes.compress(codec, data, Map.of());
        // an executor that never runs anything: the reader inflates every block itself
        java.util.concurrent.Executor stuck = task -> { };
        try (BlockCompressedInputStream in = new BlockCompressedInputStream(new ByteArrayInputStream(file), 2, stuck)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void inflatesOnAPoolOnlyBeyondTheFirstBlocks() throws IOException {
        byte[] small = TestBytes.compress(codec, TestBytes.text((BlockCompressedInputStream.INLINE_BLOCKS - 1) * BLOCK, 15), Map.of());
        byte[] large = TestBytes.compress(codec, TestBytes.text(3 * BlockCompressedInputStream.INLINE_BLOCKS * BLOCK, 16), Map.of());

        try (BlockCompressedInputStream in = new BlockCompressedInputStream(new ByteArrayInputStream(small), 2)) {
            in.readAllBytes();
            assertThat(in.startedWorkers()).as("small input").isFalse();
        }
        try (BlockCompressedInputStream in = new BlockCompressedInputStream(new ByteArrayInputStream(large), 2)) {
            in.readAllBytes();
            assertThat(in.startedWorkers()).as("large input").isTrue();
        }
        try (BlockCompressedInputStream in = new BlockCompressedInputStream(new ByteArrayInputStream(large), 1)) {
            in.readAllBytes();
            assertThat(in.startedWorkers()).as("one thread").isFalse();
        }
    }

    @Test
    void deflatesOnAPoolOnlyFromTheFirstFullBlock() throws IOException {
        try (BlockCompressedOutputStream out = new BlockCompressedOutputStream(new ByteArrayOutputStream(), 6, 2)) {
            out.write(new byte[BLOCK - 1]);
            out.flush();
            assertThat(out.startedWorkers()).isFalse();
            out.write(new byte[BLOCK]);
            assertThat(out.startedWorkers()).isTrue();
        }
        try (BlockCompressedOutputStream out = new BlockCompressedOutputStream(new ByteArrayOutputStream(), 6, 1)) {
            out.write(new byte[3 * BLOCK]);
            assertThat(out.startedWorkers()).isFalse();
        }
    }

    @Test
    void flushEndsTheCurrentBlock() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = codec.compress(sink, Map.of("threads", 2))) {
            out.write(new byte[] {1, 2, 3});
            out.flush();
            assertThat(blockOffsets(sink.toByteArray())).hasSize(1);
            out.write(new byte[] {4});
        }
        byte[] file = sink.toByteArray();

        assertThat(blockOffsets(file)).hasSize(3);
        assertThat(TestBytes.decompress(codec, file)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aMissingEofBlockIsTruncation() throws IOException {
        byte[] file = TestBytes.compress(codec, TestBytes.text(9 * BLOCK, 7), Map.of());
        byte[] cut = TestBytes.prefix(file, file.length - 28);

        assertThatThrownBy(() -> read(cut, 2))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("truncated BGZF: no EOF block")
                .hasMessageContaining("offset " + cut.length);
        assertThatThrownBy(() -> TestBytes.decompress(codec, new byte[0]))
                .hasMessageStartingWith("truncated BGZF: no EOF block")
                .hasMessageContaining("empty");
    }

    @Test
    void theDataBeforeAnErrorIsReturnedFirst() throws IOException {
        byte[] data = TestBytes.text(9 * BLOCK, 8);
        byte[] file = TestBytes.compress(codec, data, Map.of());
        List<Integer> offsets = blockOffsets(file);
        byte[] bad = TestBytes.flip(file, offsets.get(7) + 100);

        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (InputStream in = new BlockCompressedInputStream(new ByteArrayInputStream(bad), 2)) {
            byte[] buffer = new byte[10_000];
            assertThatThrownBy(() -> {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            got.write(buffer, 0, n);
                        }
                    })
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("corrupt BGZF block at compressed byte offset " + offsets.get(7));
        }
        assertThat(got.toByteArray()).isEqualTo(Arrays.copyOf(data, 7 * BLOCK));
    }

    /** Truncation in general is in the compression contract; this is how a cut inside a block reads. */
    @Test
    void aCutInsideABlockNamesTheBlock() throws IOException {
        byte[] file = TestBytes.compress(codec, TestBytes.text(3 * BLOCK, 9), Map.of());
        List<Integer> offsets = blockOffsets(file);
        byte[] midBlock = TestBytes.prefix(file, offsets.get(1) + 500);
        assertThatThrownBy(() -> read(midBlock, 1))
                .hasMessage("truncated BGZF: unexpected end of input at compressed byte offset %d, inside the %d-byte block at offset %d",
                        midBlock.length, offsets.get(2) - offsets.get(1), offsets.get(1));
    }

    @Test
    void everyFlippedByteIsAnIOExceptionOrHarmless() throws IOException {
        byte[] data = TestBytes.text(2 * BLOCK + 77, 10);
        byte[] file = TestBytes.compress(codec, data, Map.of());
        List<Integer> offsets = blockOffsets(file);
        for (int at = 0; at < file.length; at += 13) {
            byte[] bad = TestBytes.flip(file, at);
            int flipped = at;
            int inBlock = at - offsets.stream().filter(o -> o <= flipped).reduce((x, y) -> y).orElseThrow();
            try {
                // MTIME, XFL and OS (bytes 4 to 9 of a header) do not affect the data.
                assertThat(read(bad, 2)).as("flip at %d", at).isEqualTo(data);
                assertThat(inBlock).as("harmless flip at %d", at).isBetween(4, 9);
            } catch (IOException expected) {
                assertThat(expected.getMessage()).as("flip at %d", at)
                        .containsAnyOf("corrupt BGZF block", "truncated BGZF", "not BGZF", "trailing garbage");
            }
        }
    }

    @Test
    void crcAndLengthMismatchesAreCorruption() throws IOException {
        byte[] file = TestBytes.compress(codec, TestBytes.text(1000, 11), Map.of());
        int footer = file.length - 28 - 8;

        assertThatThrownBy(() -> read(TestBytes.flip(file, footer), 1))
                .hasMessageContaining("corrupt BGZF block at compressed byte offset 0: CRC32 mismatch");
        assertThatThrownBy(() -> read(TestBytes.flip(file, footer + 7), 1))
                .hasMessageContaining("corrupt BGZF block at compressed byte offset 0: ISIZE 4278191080 exceeds the BGZF maximum");
        byte[] shorter = file.clone();
        shorter[footer + 4]--;
        assertThatThrownBy(() -> read(shorter, 1))
                .hasMessageContaining("length mismatch (ISIZE 999, inflated 1000 bytes)");
    }

    @Test
    void invalidDeflateDataIsWrappedWithTheBlockOffset() throws IOException {
        // One block whose deflate data uses the reserved block type 3.
        byte[] block = new byte[Bgzf.HEADER_LENGTH + 2 + Bgzf.FOOTER_LENGTH];
        Bgzf.writeHeader(block, block.length);
        block[Bgzf.HEADER_LENGTH] = 0x07;
        byte[] file = TestBytes.concat(Bgzf.EOF_BLOCK, block, Bgzf.EOF_BLOCK);

        assertThatThrownBy(() -> read(file, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt BGZF block at compressed byte offset 28: invalid deflate data")
                .hasRootCauseInstanceOf(java.util.zip.DataFormatException.class);
    }

    @Test
    void deflateDataThatEndsEarlyOrRunsOnIsCorruption() throws IOException {
        byte[] file = TestBytes.compress(codec, TestBytes.text(1000, 12), Map.of());
        byte[] block = Arrays.copyOf(file, file.length - 28);
        // Same block with one more byte of deflate data: BSIZE + 1, a zero inserted before the footer.
        byte[] longer = TestBytes.concat(Arrays.copyOf(block, block.length - 8), new byte[1],
                Arrays.copyOfRange(block, block.length - 8, block.length));
        Bgzf.writeHeader(longer, longer.length);
        // Same block with its deflate data's last byte dropped.
        byte[] shorter = TestBytes.concat(Arrays.copyOf(block, block.length - 9),
                Arrays.copyOfRange(block, block.length - 8, block.length));
        Bgzf.writeHeader(shorter, shorter.length);

        assertThatThrownBy(() -> read(TestBytes.concat(longer, Bgzf.EOF_BLOCK), 1))
                .hasMessageContaining("1 bytes after the end of the deflate data");
        assertThatThrownBy(() -> read(TestBytes.concat(shorter, Bgzf.EOF_BLOCK), 1))
                .hasMessageContaining("corrupt BGZF block at compressed byte offset 0");
    }

    @Test
    void plainGzipIsNotBgzf() throws IOException {
        byte[] gzip = TestBytes.compress(new GzipCodec(), TestBytes.text(100, 13), Map.of());

        assertThatThrownBy(() -> TestBytes.decompress(codec, gzip))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not BGZF data: no BGZF block header at compressed byte offset 0")
                .hasMessageContaining("plain gzip");
        byte[] zstd = TestBytes.compress(new ZstdCodec(), TestBytes.text(100, 13), Map.of());
        assertThatThrownBy(() -> TestBytes.decompress(codec, zstd)).hasMessageContaining("no gzip magic");
    }

    @Test
    void garbageAfterTheEofBlockIsReported() throws IOException {
        byte[] file = TestBytes.concat(TestBytes.compress(codec, new byte[] {1}, Map.of()), "trailing garbage!!".getBytes());

        assertThatThrownBy(() -> TestBytes.decompress(codec, file))
                .hasMessageContaining("trailing garbage in BGZF input: no BGZF block header at compressed byte offset " + (file.length - 18));
    }

    @Test
    void aBlockTooSmallForHeaderAndFooterIsCorrupt() {
        byte[] block = Bgzf.EOF_BLOCK.clone();
        block[16] = 10;

        assertThatThrownBy(() -> TestBytes.decompress(codec, block)).hasMessageContaining("BSIZE says 11 bytes");
    }

    @Test
    void readsBlocksOfTheSpecMaximumOf64KiB() throws IOException {
        // htsjdk and others may fill blocks beyond htslib's 65,280 bytes, up to 65,536.
        byte[] data = new byte[Bgzf.MAX_BLOCK_LENGTH];
        Arrays.fill(data, (byte) 'a');
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] block = new byte[2000];
        int n = deflater.deflate(block, Bgzf.HEADER_LENGTH, 1000);
        deflater.end();
        int length = Bgzf.HEADER_LENGTH + n + Bgzf.FOOTER_LENGTH;
        Bgzf.writeHeader(block, length);
        CRC32 crc = new CRC32();
        crc.update(data);
        Bgzf.putInt32(block, length - 8, (int) crc.getValue());
        Bgzf.putInt32(block, length - 4, data.length);
        byte[] file = TestBytes.concat(Arrays.copyOf(block, length), Bgzf.EOF_BLOCK);

        assertThat(read(file, 1)).isEqualTo(data);
    }

    @Test
    void declaresThatGzipReadersReadIt() throws IOException {
        assertThat(codec.readableAs()).containsExactly("gz");
        assertThat(new GzipCodec().readableAs()).isEmpty();
        byte[] data = TestBytes.text(3 * BLOCK, 19);
        assertThat(TestBytes.decompress(new GzipCodec(), TestBytes.compress(codec, data, Map.of()))).isEqualTo(data);
    }

    @Test
    void matchesOnlyBgzfHeaders() throws IOException {
        byte[] bgzf = TestBytes.compress(codec, new byte[] {1}, Map.of());
        byte[] gzip = TestBytes.compress(new GzipCodec(), new byte[] {1}, Map.of());

        assertThat(codec.matches(bgzf, 18)).isTrue();
        assertThat(codec.matches(bgzf, 17)).isFalse();
        assertThat(codec.matches(gzip, gzip.length)).isFalse();
        assertThat(codec.magicLength()).isEqualTo(18);
        assertThat(codec.name()).isEqualTo("bgz");
        assertThat(codec.suffixes()).containsExactly(".bgz");
    }

    @Test
    void rejectsInvalidOptions() {
        assertThatThrownBy(() -> codec.compress(new ByteArrayOutputStream(), Map.of("threads", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compression bgz: option 'threads' must be an integer from 1 to 256, got '0'");
    }

    @Test
    void aClosedStreamRefusesWritesAndReads() throws IOException {
        OutputStream out = codec.compress(new ByteArrayOutputStream(), Map.of("threads", 2));
        out.close();
        out.close();
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("closed");

        InputStream in = codec.decompress(new ByteArrayInputStream(Bgzf.EOF_BLOCK));
        in.close();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void closingMidwayStopsTheReader() throws IOException {
        byte[] file = TestBytes.compress(codec, TestBytes.text(20 * BLOCK, 14), Map.of());
        try (InputStream in = new BlockCompressedInputStream(new ByteArrayInputStream(file), 2)) {
            assertThat(in.readNBytes(8 * BLOCK)).hasSize(8 * BLOCK);
        }
    }

    @Test
    void aFailingSinkMakesTheWriterUnusable() throws IOException {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        OutputStream out = codec.compress(failing, Map.of("threads", 2));

        assertThatThrownBy(() -> out.write(new byte[6 * BLOCK])).hasMessageContaining("disk full");
        assertThatThrownBy(() -> out.write(1)).hasMessageContaining("unusable");
        out.close();
    }
}
