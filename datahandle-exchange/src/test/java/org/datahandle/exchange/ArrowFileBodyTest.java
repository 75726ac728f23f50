package org.datahandle.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes of an Arrow file's stream section, sent by the kernel on a plain socket and copied otherwise. */
class ArrowFileBodyTest {
    @TempDir
    Path dir;

    /** An IPC file of a few batches, as the catalog writes it, and its stream section. */
    private Path arrowFile() throws IOException {
        Path file = dir.resolve("t.arrow");
        try (OutputStream out = Files.newOutputStream(file)) {
            var w = org.datahandle.formats.arrow.ArrowIpc.fileWriter(out, ExchangeFixture.SCHEMA);
            for (var t : ExchangeFixture.batches(20, 5_000)) {
                w.write(t);
            }
            w.finish();
        }
        return file;
    }

    @Test
    void onAPlainSocketTheStreamSectionGoesOutByTransferVerbatim() throws Exception {
        Path file = arrowFile();
        byte[] all = Files.readAllBytes(file);
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                    SocketChannel served = listener.accept();
                    ArrowFileBody body = ArrowFileBody.open(file).orElseThrow()) {
                long length = body.length();
                assertThat(length).isGreaterThan(all.length / 2).isLessThan(all.length - 8);
                // the stream refuses bytes: all of the body must go by the channel
                OutputStream refusing = new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("the body went through the stream");
                    }
                };
                var out = new HttpBodyOutput.Fixed(refusing, length, served);
                assertThat(out.zeroCopy()).isTrue();
                CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readN(client, (int) length));
                AtomicInteger progress = new AtomicInteger();
                body.sendTo(out, progress::incrementAndGet);
                assertThat(out.complete()).isTrue();
                assertThat(progress.get()).isPositive();
                assertThat(received.get()).isEqualTo(Arrays.copyOfRange(all, 8, 8 + (int) length));
                // writing past the length is refused on this path too
                assertThatThrownBy(() -> body.sendTo(out, () -> { })).isInstanceOf(IOException.class)
                        .hasMessageContaining("longer than its Content-Length");
            }
        }
    }

    @Test
    void withoutASocketChannelTheStreamSectionIsCopiedVerbatim() throws Exception {
        Path file = arrowFile();
        byte[] all = Files.readAllBytes(file);
        try (ArrowFileBody body = ArrowFileBody.open(file).orElseThrow()) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            var out = new HttpBodyOutput.Fixed(sink, body.length(), null);
            assertThat(out.zeroCopy()).isFalse();
            AtomicInteger progress = new AtomicInteger();
            body.sendTo(out, progress::incrementAndGet);
            assertThat(out.complete()).isTrue();
            assertThat(progress.get()).isPositive();
            assertThat(sink.toByteArray()).isEqualTo(Arrays.copyOfRange(all, 8, 8 + (int) body.length()));
        }
    }

    private static byte[] readN(SocketChannel ch, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        try {
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // more
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Arrays.copyOf(b.array(), b.position());
    }
}
