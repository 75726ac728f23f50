package org.datahandle.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and faults (issue 12, point 7): the server survives each, says what is wrong, publishes nothing half. */
class ExchangeFaultsTest {
    @TempDir
    Path dir;
    Catalog catalog;
    ExchangeServer server;
    ExchangeClient client;

    @BeforeEach
    void start() {
        catalog = ExchangeFixture.catalog(dir);
        server = ExchangeServer.builder(catalog).noConnectionFile()
                .limits(ExchangeLimits.defaults().withMaxBatchBytes(1 << 20).withIdleTimeout(Duration.ofSeconds(2))
                        .withConcurrency(8, 4))
                .start();
        client = ExchangeClient.connect(server.url(), server.token());
    }

    @AfterEach
    void stop() {
        server.close();
        catalog.close();
    }

    private String host() {
        return "Host: 127.0.0.1:" + server.port();
    }

    private String auth() {
        return "Authorization: Bearer " + server.token();
    }

    /** Pushes raw bytes as a complete body; answers the status. */
    private int put(String name, byte[] body) throws IOException {
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("PUT /v1/handles/" + name + " HTTP/1.1", host(), auth(),
                    "Content-Type: application/vnd.apache.arrow.stream", "Content-Length: " + body.length);
            try {
                h.body(body);
            } catch (IOException refusedEarly) {
                // the server answered before reading everything
            }
            return h.status();
        }
    }

    private void assertNothingPublished(String name) throws IOException, InterruptedException {
        assertThat(catalog.get(name).state().diskProduced()).isFalse();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString).filter(p -> p.contains(name) && !p.endsWith(".datahandle.lock")))
                    .as("no file of %s left behind", name).isEmpty();
        }
        // and the handle still takes a good push (once the server has let go of the failed one: its handler
        // may still be answering the gone client; on a loaded 2-core machine that can take seconds)
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                client.push(name, ExchangeFixture.table(3, 0));
                break;
            } catch (AlreadyProducedException e) {
                if (System.nanoTime() > deadline || catalog.get(name).state().diskProduced()) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        assertThat(client.pull(name)).isEqualTo(ExchangeFixture.table(3, 0));
    }

    @Test
    void aClientKilledMidUploadPublishesNothing() throws Exception {
        byte[] full = ExchangeFixture.ipc(ExchangeFixture.SCHEMA, ExchangeFixture.batches(4, 5000).toArray(Table[]::new));
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("PUT /v1/handles/dat HTTP/1.1", host(), auth(), "Content-Type: application/vnd.apache.arrow.stream",
                    "Content-Length: " + full.length);
            h.body(Arrays.copyOf(full, full.length / 2));
            h.socket.setSoLinger(true, 0); // a reset, as when the process dies
        }
        waitUntilIdle();
        assertNothingPublished("dat");
    }

    @Test
    void aStalledUploadIsDroppedAndPublishesNothing() throws Exception {
        byte[] full = ExchangeFixture.ipc(ExchangeFixture.SCHEMA, ExchangeFixture.batches(4, 5000).toArray(Table[]::new));
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("PUT /v1/handles/dat HTTP/1.1", host(), auth(), "Content-Type: application/vnd.apache.arrow.stream",
                    "Content-Length: " + full.length);
            h.body(Arrays.copyOf(full, full.length / 2)); // then nothing, with the connection open
            for (int i = 0; i < 100 && catalog.get("dat").state().disk() != org.datahandle.HandleState.DiskState.WRITING; i++) {
                Thread.sleep(20);
            }
            // the idle timeout (2 s here) drops it: the writer's hold on the handle ends
            for (int i = 0; i < 200 && catalog.get("dat").state().disk() == org.datahandle.HandleState.DiskState.WRITING; i++) {
                Thread.sleep(50);
            }
            assertThat(catalog.get("dat").state().disk()).isEqualTo(org.datahandle.HandleState.DiskState.NOT_PRODUCED);
        }
        assertNothingPublished("dat");
    }

    @Test
    void aChunkedUploadCutOffMidStreamPublishesNothing() throws Exception {
        byte[] full = ExchangeFixture.ipc(ExchangeFixture.SCHEMA, ExchangeFixture.batches(3, 5000).toArray(Table[]::new));
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("PUT /v1/handles/dat HTTP/1.1", host(), auth(), "Content-Type: application/vnd.apache.arrow.stream",
                    "Transfer-Encoding: chunked");
            byte[] part = Arrays.copyOf(full, full.length - 100);
            h.body((Integer.toHexString(part.length) + "\r\n").getBytes());
            h.body(part);
            h.body("\r\n0\r\n\r\n".getBytes()); // a clean HTTP end, but the IPC stream lacks its last bytes
            assertThat(h.status()).isEqualTo(400);
        }
        assertNothingPublished("dat");
    }

    @Test
    void eightConcurrentPushersToOneHandleExactlyOneWins() throws Exception {
        for (String name : List.of("dat", "parts", "racer")) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    int seed = i * 1000;
                    Callable<Integer> push = () -> {
                        try {
                            client.push(name, ExchangeFixture.table(20_000, seed));
                            return seed;
                        } catch (AlreadyProducedException e) {
                            return -1;
                        }
                    };
                    results.add(pool.submit(push));
                }
                List<Integer> winners = new ArrayList<>();
                for (Future<Integer> f : results) {
                    if (f.get() >= 0) {
                        winners.add(f.get());
                    }
                }
                assertThat(winners).as(name).hasSize(1);
                assertThat(client.pull(name)).isEqualTo(ExchangeFixture.table(20_000, winners.get(0)));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anOversizedBatchIsRefusedBeforeItsBodyIsRead() throws Exception {
        byte[] big = ExchangeFixture.ipc(ExchangeFixture.SCHEMA, ExchangeFixture.table(200_000, 0));
        assertThat(big.length).isGreaterThan(2 << 20);
        assertThat(put("dat", big)).isEqualTo(413);
        assertNothingPublished("dat");
    }

    @Test
    void badNames() throws Exception {
        String longName = "a".repeat(5000);
        for (String raw : List.of("..%2F..%2Fetc%2Fpasswd", "%2E%2E", longName, "a%00b", "%FF%FE", "a%2", "sp%20ace")) {
            try (RawHttp h = new RawHttp(server.port())) {
                h.head("GET /v1/handles/" + raw + " HTTP/1.1", host(), auth());
                assertThat(h.status()).as(raw.length() > 40 ? "a 5000-character name" : raw).isEqualTo(400);
            }
        }
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("GET /v1/handles//state HTTP/1.1", host(), auth());
            assertThat(h.status()).as("empty name").isEqualTo(400);
        }
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("GET /v1/handles/../../etc/passwd HTTP/1.1", host(), auth());
            assertThat(h.status()).as("dot segments").isIn(400, 404);
        }
        assertThat(put("a%00b", ExchangeFixture.ipc(ExchangeFixture.SCHEMA, ExchangeFixture.table(1, 0)))).isEqualTo(400);
        assertThat(catalog.handles()).extracting(h -> h.id()).containsExactly("dat", "scores", "parts", "config", "scratch");
    }

    @Test
    void truncatedCorruptAndLyingStreamsPublishNothing() throws Exception {
        byte[] good = ExchangeFixture.ipc(ExchangeFixture.SCHEMA, ExchangeFixture.table(1000, 0));
        // missing end-of-stream marker
        assertThat(put("dat", Arrays.copyOf(good, good.length - 8))).isEqualTo(400);
        // cut inside a batch body
        assertThat(put("dat", Arrays.copyOf(good, good.length / 2))).isEqualTo(400);
        // garbage
        byte[] garbage = new byte[4096];
        new java.util.Random(1).nextBytes(garbage);
        assertThat(put("dat", garbage)).isEqualTo(400);
        // a flipped byte in the batch metadata
        byte[] flipped = good.clone();
        int batchStart = firstBatchOffset(good);
        for (int i = batchStart + 8; i < batchStart + 40; i++) {
            flipped[i] ^= (byte) 0x5A;
        }
        assertThat(put("dat", flipped)).isEqualTo(400);
        // bytes after the end-of-stream marker
        byte[] trailing = Arrays.copyOf(good, good.length + 3);
        assertThat(put("dat", trailing)).isEqualTo(400);
        // an IPC file instead of a stream
        assertThat(put("dat", "ARROW1\0\0junk".getBytes())).isEqualTo(400);
        assertNothingPublished("dat");
    }

    @Test
    void bufferOffsetsPastTheBodyAreRefused() throws Exception {
        byte[] good = ExchangeFixture.ipc(ExchangeFixture.SCHEMA, ExchangeFixture.table(1000, 0));
        // shrink the declared body length of the batch: its buffers then point past the body
        int batchStart = firstBatchOffset(good);
        int metaLength = ByteBuffer.wrap(good, batchStart + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        org.apache.arrow.flatbuf.Message m = org.apache.arrow.flatbuf.Message.getRootAsMessage(
                ByteBuffer.wrap(good, batchStart + 8, metaLength).slice().order(ByteOrder.LITTLE_ENDIAN));
        long bodyLength = m.bodyLength();
        byte[] lying = good.clone();
        boolean patched = false;
        for (int i = batchStart + 8; i < batchStart + 8 + metaLength - 8 && !patched; i++) {
            if (ByteBuffer.wrap(lying, i, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() == bodyLength) {
                ByteBuffer.wrap(lying, i, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(64);
                patched = true;
            }
        }
        assertThat(patched).isTrue();
        assertThat(put("dat", lying)).isEqualTo(400);
        assertNothingPublished("dat");
    }

    @Test
    void aSchemaChangeMidStreamPublishesNothing() throws Exception {
        byte[] first = ExchangeFixture.ipc(ExchangeFixture.SCHEMA, ExchangeFixture.table(100, 0));
        Schema other = Schema.of(Field.of("id", DataType.STRING));
        byte[] second = ExchangeFixture.ipc(other, Table.builder(other).addRow("x").build());
        byte[] both = new byte[first.length - 8 + second.length];
        System.arraycopy(first, 0, both, 0, first.length - 8);
        System.arraycopy(second, 0, both, first.length - 8, second.length);
        assertThat(put("dat", both)).isEqualTo(400);
        assertNothingPublished("dat");
    }

    @Test
    void tokensAndHeaders() throws Exception {
        String[][] cases = {
            {}, {"Authorization: Bearer wrong"}, {"Authorization: Basic " + server.token()},
            {"Authorization: Bearer"}, {"Authorization: Bearer " + server.token() + "x"},
        };
        for (String[] c : cases) {
            try (RawHttp h = new RawHttp(server.port())) {
                String[] headers = Stream.concat(Stream.of(host()), Arrays.stream(c)).toArray(String[]::new);
                h.head("GET /v1/handles HTTP/1.1", headers);
                String head = h.readHead();
                assertThat(head).as(Arrays.toString(c)).startsWith("HTTP/1.1 401").containsIgnoringCase("WWW-Authenticate: Bearer");
            }
        }
        assertThatThrownBy(() -> ExchangeClient.connect(server.url(), "nope").list())
                .isInstanceOf(ExchangeAuthException.class).hasMessageContaining("wrong token")
                .hasMessageNotContaining(server.token());
        for (String bad : List.of("Host: evil.example:" + server.port(), "Host: 127.0.0.1:1", "Host: 10.0.0.1")) {
            try (RawHttp h = new RawHttp(server.port())) {
                h.head("GET /v1/handles HTTP/1.1", bad, auth());
                assertThat(h.status()).as(bad).isEqualTo(403);
            }
        }
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("GET /v1/handles HTTP/1.1", host(), auth(), "Origin: http://evil.example");
            assertThat(h.status()).isEqualTo(403);
        }
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("GET /v1/handles HTTP/1.1", host(), auth(), "X-Padding: " + "p".repeat(20_000));
            assertThat(h.status()).isEqualTo(431);
        }
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("GET /v1/handles HTTP/1.1", "Host: localhost:" + server.port(), auth());
            assertThat(h.status()).isEqualTo(200);
        }
    }

    @Test
    void aPushToAProducedHandleIsRefusedBeforeTheBodyIsRead() throws Exception {
        client.push("dat", ExchangeFixture.table(5, 0));
        try (RawHttp h = new RawHttp(server.port())) {
            // announces 10 GB and sends none of it: the answer comes anyway
            h.head("PUT /v1/handles/dat HTTP/1.1", host(), auth(), "Content-Type: application/vnd.apache.arrow.stream",
                    "Content-Length: 10000000000");
            assertThat(h.readHead()).startsWith("HTTP/1.1 409");
        }
    }

    @Test
    void stalledReadersAreDroppedAndFreeTheirSlots() throws Exception {
        client.push("dat", ExchangeFixture.SCHEMA, ExchangeFixture.batches(40, 10_000).iterator());
        List<RawHttp> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // the server's stream limit here
                RawHttp h = new RawHttp(server.port());
                h.socket.setReceiveBufferSize(4096);
                h.head("GET /v1/handles/dat HTTP/1.1", host(), auth());
                assertThat(h.readHead()).startsWith("HTTP/1.1 200");
                stalled.add(h); // and never read on
            }
            // every slot is held: one more is told to come back
            assertThatThrownBy(() -> client.pull("dat")).isInstanceOf(ExchangeException.class)
                    .hasMessageContaining("concurrent streams");
            // after the idle timeout (2 s here) the stalled ones are dropped and a pull gets through
            Table t = null;
            for (int i = 0; i < 100 && t == null; i++) {
                Thread.sleep(200);
                try {
                    t = client.pull("dat");
                } catch (ExchangeException busy) {
                    // not yet
                }
            }
            assertThat(t).isNotNull();
            assertThat(t.rowCount()).isEqualTo(400_000);
        } finally {
            for (RawHttp h : stalled) {
                h.close();
            }
        }
    }

    @Test
    void aStalledReaderOfAFileSentByTheKernelIsCutAtTheIdleTimeout() throws Exception {
        // far more than the socket buffers hold, so the server's sendfile blocks on the reader
        client.push("dat", ExchangeFixture.SCHEMA, ExchangeFixture.batches(100, 10_000).iterator());
        try (ExchangeServer one = ExchangeServer.builder(catalog).noConnectionFile()
                        .limits(ExchangeLimits.defaults().withIdleTimeout(Duration.ofSeconds(2)).withConcurrency(8, 1))
                        .start();
                RawHttp h = new RawHttp(one.port())) {
            ExchangeClient oneClient = ExchangeClient.connect(one.url(), one.token());
            h.socket.setReceiveBufferSize(4096);
            h.head("GET /v1/handles/dat HTTP/1.1", "Host: 127.0.0.1:" + one.port(), "Authorization: Bearer " + one.token());
            String head = h.readHead();
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(RawHttp.contentLength(head)).isGreaterThan(16 << 20);
            // it never reads on, and holds the only stream slot
            assertThatThrownBy(() -> oneClient.pull("dat")).isInstanceOf(ExchangeException.class)
                    .hasMessageContaining("concurrent streams");
            // the blocked transfer ends at the idle timeout and frees the slot
            Table t = null;
            for (int i = 0; i < 100 && t == null; i++) {
                Thread.sleep(200);
                try {
                    t = oneClient.pull("dat");
                } catch (ExchangeException busy) {
                    // not yet
                }
            }
            assertThat(t).as("a pull after the stalled one was cut").isNotNull();
            assertThat(t.rowCount()).isEqualTo(1_000_000);
        }
    }

    @Test
    void aFloodOfConcurrentRequestsIsAnsweredAndTheServerSurvives() throws Exception {
        client.push("dat", ExchangeFixture.table(1000, 0));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int k = i;
                all.add(pool.submit(() -> {
                    try (RawHttp h = new RawHttp(server.port())) {
                        h.head("GET /v1/handles/" + (k % 2 == 0 ? "dat" : "dat/state") + " HTTP/1.1", host(), auth(),
                                "Connection: close");
                        return h.status();
                    }
                }));
            }
            for (Future<Integer> f : all) {
                assertThat(f.get()).isIn(200, 503);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(client.pull("dat").rowCount()).isEqualTo(1000);
    }

    @Test
    void aFullShmQuotaDuringAPushPublishesNothing() throws Exception {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm), "no /dev/shm on this machine");
        Path folder = shm.resolve("datahandle-exchange-test-" + UUID.randomUUID());
        try (Catalog small = Catalog.builder().baseDirectory(dir).fileSystemOption("shm.directory", folder.toString())
                .fileSystemOption("shm.limit", "200000").fromYaml("big:\n  disk: {path: shm:///big.arrow}\n");
                ExchangeServer s = ExchangeServer.builder(small).noConnectionFile().start()) {
            ExchangeClient c = ExchangeClient.connect(s.url(), s.token());
            assertThatThrownBy(() -> c.push("big", ExchangeFixture.table(100_000, 0)))
                    .isInstanceOf(ExchangeException.class).hasMessageContaining("shm.limit");
            assertThat(small.get("big").state().diskProduced()).isFalse();
            c.push("big", ExchangeFixture.table(100, 0));
            assertThat(c.pull("big")).isEqualTo(ExchangeFixture.table(100, 0));
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // nothing there
            }
        }
    }

    /** Until the server has taken up the cut upload (the handle shows a writer) and let go of it. */
    private void waitUntilIdle() throws InterruptedException {
        for (int i = 0; i < 100 && catalog.get("dat").state().disk() != org.datahandle.HandleState.DiskState.WRITING; i++) {
            Thread.sleep(50); // may be missed when the writer is quick: then 5 s is plenty for it to be done
        }
        for (int i = 0; i < 400 && catalog.get("dat").state().disk() == org.datahandle.HandleState.DiskState.WRITING; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
    }

    /** Where the first record batch message starts: after the schema message. */
    private static int firstBatchOffset(byte[] ipc) {
        int metaLength = ByteBuffer.wrap(ipc, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return 8 + metaLength; // the schema message has no body
    }
}
