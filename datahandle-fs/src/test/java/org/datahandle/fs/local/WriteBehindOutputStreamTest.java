package org.datahandle.fs.local;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBehindOutputStreamTest {
    private static final int BLOCK = WriteBehindOutputStream.BLOCK;

    @TempDir
    Path temp;

    @Test
    void aFileOfManyBlocksHoldsExactlyWhatWasWrittenWhateverTheWriteSizesAndFlushes() throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            Path file = temp.resolve("f" + seed);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (OutputStream out = open(file)) {
                while (expected.size() < 9 * BLOCK + 12345) {
                    byte[] piece = new byte[pieceSize(random)];
                    random.nextBytes(piece);
                    int off = piece.length == 0 ? 0 : random.nextInt(piece.length);
                    int len = piece.length - off;
                    if (len == 1) {
                        out.write(piece[off]);
                    } else {
                        out.write(piece, off, len);
                    }
                    expected.write(piece, off, len);
                    if (random.nextInt(8) == 0) {
                        out.flush();
                    }
                }
            }
            assertThat(Files.readAllBytes(file)).as("seed " + seed).isEqualTo(expected.toByteArray());
        }
    }

    /** Mostly small writes, some of several blocks, some empty or of one byte. */
    private static int pieceSize(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> random.nextInt(3 * BLOCK);
            default -> random.nextInt(64 << 10);
        };
    }

    @Test
    void aSmallFileIsWrittenDirectlyAndIsCompleteBeforeClose() throws IOException {
        Path file = temp.resolve("small");
        byte[] bytes = new byte[BLOCK - 1];
        new Random(7).nextBytes(bytes);
        try (OutputStream out = open(file)) {
            out.write(bytes);
            assertThat(Files.readAllBytes(file)).as("below one block nothing waits for a second thread")
                    .isEqualTo(bytes);
        }
    }

    @Test
    void moreStreamsThanWriteBehindSlotsAllWriteTheirFilesWhole() throws Exception {
        int streams = WriteBehindOutputStream.MAX_STREAMS * 2 + 1;
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            List<Future<byte[]>> written = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                Path file = temp.resolve("s" + i);
                int seed = i;
                written.add(pool.submit(() -> {
                    byte[] bytes = new byte[3 * BLOCK + seed * 1000];
                    new Random(seed).nextBytes(bytes);
                    try (OutputStream out = open(file)) {
                        for (int at = 0; at < bytes.length; at += 100_000) {
                            out.write(bytes, at, Math.min(100_000, bytes.length - at));
                        }
                    }
                    return bytes;
                }));
            }
            for (int i = 0; i < streams; i++) {
                byte[] expected = written.get(i).get(); // first: the file is complete once its writer is done
                assertThat(Files.readAllBytes(temp.resolve("s" + i))).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedWriteOnTheSecondThreadIsThrownByTheNextWriteOrByClose() throws IOException {
        Path file = temp.resolve("read-only");
        Files.write(file, new byte[0]);
        // a channel open for reading only: every write the second thread makes fails
        OutputStream out = new WriteBehindOutputStream(FileChannel.open(file, READ));
        byte[] block = new byte[BLOCK];
        assertThatThrownBy(() -> {
            try (out) {
                for (int i = 0; i < 64; i++) {
                    out.write(block);
                }
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("NonWritableChannelException");
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void closingTwiceIsHarmlessAndWritingAfterCloseFails() throws IOException {
        Path file = temp.resolve("twice");
        OutputStream out = open(file);
        out.write(new byte[2 * BLOCK]);
        out.close();
        out.close();
        assertThat(Files.size(file)).isEqualTo(2L * BLOCK);
        assertThatThrownBy(() -> out.write(new byte[10])).isInstanceOf(IOException.class);
    }

    @Test
    void anInterruptedWriterStillClosesTheFileWithEverythingItHandedOver() throws IOException {
        Path file = temp.resolve("interrupted");
        byte[] bytes = new byte[6 * BLOCK];
        new Random(3).nextBytes(bytes);
        OutputStream out = open(file);
        out.write(bytes);
        Thread.currentThread().interrupt();
        try {
            out.close();
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    private static OutputStream open(Path file) throws IOException {
        return new WriteBehindOutputStream(FileChannel.open(file, CREATE, WRITE));
    }
}
