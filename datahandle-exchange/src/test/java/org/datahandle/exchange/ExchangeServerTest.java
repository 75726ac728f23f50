package org.datahandle.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.HandleNotFoundException;
import org.datahandle.NotProducedException;
import org.datahandle.TableStream;
import org.datahandle.table.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol end to end through the Java client: the rules of the library hold over the wire. */
class ExchangeServerTest {
    @TempDir
    Path dir;
    Catalog catalog;
    ExchangeServer server;
    ExchangeClient client;

    @BeforeEach
    void start() {
        catalog = ExchangeFixture.catalog(dir);
        server = ExchangeServer.builder(catalog).connectionFile(dir.resolve("conn/server.json")).start();
        client = ExchangeClient.fromConnectionFile(server.connectionFile().orElseThrow());
    }

    @AfterEach
    void stop() {
        server.close();
        catalog.close();
    }

    @Test
    void pushThenPullThroughADiskHandle() {
        Table t = ExchangeFixture.table(1000, 0);
        Map<String, Object> answer = client.push("dat", t);
        assertThat(answer).containsEntry("name", "dat").containsEntry("rows", 1000);
        assertThat(catalog.get("dat").state().diskProduced()).isTrue();
        assertThat(catalog.get("dat").read()).isEqualTo(t);
        assertThat(client.pull("dat")).isEqualTo(t);
        assertThat(client.state("dat")).containsEntry("produced", true);
    }

    @Test
    void anArrowFileIsServedAsItsStreamSectionWithALength() throws Exception {
        Table t = ExchangeFixture.table(5000, 3);
        client.push("dat", t);
        client.push("scores", t);
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("GET /v1/handles/dat HTTP/1.1", "Host: 127.0.0.1:" + server.port(), "Authorization: Bearer " + server.token());
            String head = h.readHead();
            long length = java.nio.file.Files.size(dir.resolve("out/dat.arrow"));
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-length: ")
                    .containsIgnoringCase("DataHandle-Version: d");
            long served = Long.parseLong(head.replaceAll("(?is).*content-length: (\\d+).*", "$1"));
            assertThat(served).isLessThan(length).isGreaterThan(length / 2);
            try (org.datahandle.formats.arrow.ArrowIpcReader r = org.datahandle.formats.arrow.ArrowIpc.reader(
                    new java.io.ByteArrayInputStream(h.in.readNBytes((int) served)), java.net.URI.create("test:dat"))) {
                assertThat(r.isFile()).isFalse();
                assertThat(r.next().orElseThrow()).isEqualTo(t);
                assertThat(r.next()).isEmpty();
            }
        }
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("GET /v1/handles/scores HTTP/1.1", "Host: 127.0.0.1:" + server.port(),
                    "Authorization: Bearer " + server.token());
            assertThat(h.readHead()).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-encoding: chunked");
        }
    }

    @Test
    void aPullOverPlainTextIsTheFilesStreamSectionByteForByte() throws Exception {
        // several batches and more than the socket buffers hold: the kernel's transfer runs in several steps
        client.push("dat", ExchangeFixture.SCHEMA, ExchangeFixture.batches(60, 10_000).iterator());
        byte[] file = java.nio.file.Files.readAllBytes(dir.resolve("out/dat.arrow"));
        for (int round = 0; round < 2; round++) { // the second on the same connection: keep-alive after a transfer
            try (RawHttp h = new RawHttp(server.port())) {
                for (int i = 0; i < 2; i++) {
                    h.head("GET /v1/handles/dat HTTP/1.1", "Host: 127.0.0.1:" + server.port(),
                            "Authorization: Bearer " + server.token());
                    String head = h.readHead();
                    assertThat(head).startsWith("HTTP/1.1 200");
                    int served = (int) RawHttp.contentLength(head);
                    assertThat(served).isGreaterThan(8 << 20);
                    assertThat(h.in.readNBytes(served)).isEqualTo(java.util.Arrays.copyOfRange(file, 8, 8 + served));
                }
            }
        }
    }

    @Test
    void aCsvHandleIsServedAsArrowAndWrittenThroughItsCodec() {
        Table t = ExchangeFixture.table(50, 7);
        client.push("scores", t);
        assertThat(Files.exists(dir.resolve("out/scores.csv"))).isTrue();
        assertThat(client.pull("scores")).isEqualTo(catalog.get("scores").read());
    }

    @Test
    void aNameTheCatalogDoesNotDeclareBecomesATemporaryHandle() {
        Table t = ExchangeFixture.table(10, 1);
        client.push("fresh", t);
        assertThat(catalog.get("fresh").spec().temporary()).isTrue();
        assertThat(client.pull("fresh")).isEqualTo(t);
        assertThatThrownBy(() -> client.push("fresh", t)).isInstanceOf(AlreadyProducedException.class);
    }

    @Test
    void declaredOnlyRefusesUndeclaredNames() {
        try (ExchangeServer strict = ExchangeServer.builder(catalog).declaredOnly(true).noConnectionFile().start()) {
            ExchangeClient c = ExchangeClient.connect(strict.url(), strict.token());
            assertThatThrownBy(() -> c.push("fresh", ExchangeFixture.table(3, 0)))
                    .isInstanceOf(HandleNotFoundException.class).hasMessageContaining("declared-only");
        }
    }

    @Test
    void aProducedHandleRefusesAPush() {
        client.push("dat", ExchangeFixture.table(5, 0));
        assertThatThrownBy(() -> client.push("dat", ExchangeFixture.table(5, 1)))
                .isInstanceOf(AlreadyProducedException.class).hasMessageContaining("dat");
        assertThat(client.pull("dat")).isEqualTo(ExchangeFixture.table(5, 0));
    }

    @Test
    void pullOfAnUnproducedOrUnknownHandle() {
        assertThatThrownBy(() -> client.pull("dat")).isInstanceOf(NotProducedException.class);
        assertThatThrownBy(() -> client.pull("nosuch")).isInstanceOf(HandleNotFoundException.class)
                .hasMessageContaining("nosuch");
    }

    @Test
    void deleteThenPushAgain() {
        client.push("dat", ExchangeFixture.table(5, 0));
        client.delete("dat");
        assertThat(catalog.get("dat").state().diskProduced()).isFalse();
        client.push("dat", ExchangeFixture.table(6, 2));
        assertThat(client.pull("dat")).isEqualTo(ExchangeFixture.table(6, 2));
    }

    @Test
    void streamingPushAndBatchedPull() {
        List<Table> batches = ExchangeFixture.batches(5, 2000);
        client.push("dat", ExchangeFixture.SCHEMA, batches.iterator());
        int rows = 0;
        try (TableStream s = client.stream("dat")) {
            while (s.hasNext()) {
                rows += s.next().rowCount();
            }
        }
        assertThat(rows).isEqualTo(10_000);
    }

    @Test
    void documentsTravelAsJson() {
        client.pushJson("config", "{\"alpha\": 1, \"names\": [\"a\", \"b\"]}");
        assertThat(catalog.get("config").state().diskProduced()).isTrue();
        assertThat(client.pullJson("config")).contains("\"alpha\"").contains("\"names\"");
        assertThatThrownBy(() -> client.pushJson("config", "{}")).isInstanceOf(AlreadyProducedException.class);
    }

    @Test
    void listAndLocate() {
        client.push("dat", ExchangeFixture.table(5, 0));
        List<Map<String, Object>> all = client.list();
        assertThat(all).extracting(m -> m.get("name")).contains("dat", "scores", "parts", "config", "scratch");
        Map<String, Object> dat = all.stream().filter(m -> m.get("name").equals("dat")).findFirst().orElseThrow();
        assertThat(dat).containsEntry("format", "arrow").containsEntry("produced", true).containsKey("version");
        List<Map<String, Object>> where = client.locate("dat");
        assertThat(where.get(0).get("uri").toString()).startsWith("file:").endsWith("dat.arrow");
        assertThat(where.get(0)).containsEntry("recordMatches", true);
        assertThat(where.get(where.size() - 1).get("uri").toString()).isEqualTo(server.url() + "/v1/handles/dat");
    }

    @Test
    void theConnectionFileIsReadableByItsOwnerOnly() throws Exception {
        Path f = server.connectionFile().orElseThrow();
        assertThat(Files.getPosixFilePermissions(f)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(f)).contains(server.url()).contains(server.token());
        assertThat(server.environment()).containsEntry("DATAHANDLE_URL", server.url())
                .containsEntry("DATAHANDLE_TOKEN", server.token());
        server.close();
        assertThat(f).doesNotExist();
    }

    @Test
    void theTokenIs256RandomBits() {
        try (ExchangeServer other = ExchangeServer.builder(catalog).noConnectionFile().start()) {
            assertThat(server.token()).hasSize(43).isNotEqualTo(other.token());
        }
    }

    @Test
    void aNonLoopbackAddressNeedsTls() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        assertThatThrownBy(() -> ExchangeServer.builder(catalog).bind(any, 0).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("requires TLS");
    }

    @Test
    void aMultiFilePullThatSeesTheDataChangeEndsInAnErrorNeverAMix() {
        client.push("parts", ExchangeFixture.table(600_000, 0));
        assertThat(catalog.get("parts").disk().pathsForRead()).hasSize(2);
        assertThatThrownBy(() -> {
            try (TableStream s = client.stream("parts")) {
                s.next();
                client.delete("parts");
                client.push("parts", ExchangeFixture.table(600_000, 7));
                while (s.hasNext()) {
                    s.next();
                }
            }
        }).isInstanceOf(RuntimeException.class);
        assertThat(client.pull("parts")).isEqualTo(ExchangeFixture.table(600_000, 7));
    }

    @Test
    void pullsAreServedFromAnOpenFileWhenTheHandleIsDeletedAndRewritten() {
        Table first = ExchangeFixture.table(300_000, 0);
        client.push("dat", first);
        int rows = 0;
        try (TableStream s = client.stream("dat")) {
            Table b = s.next();
            rows += b.rowCount();
            client.delete("dat");
            client.push("dat", ExchangeFixture.table(10, 99));
            while (s.hasNext()) {
                Table n = s.next();
                assertThat(n.get(0, "id")).isEqualTo((long) rows); // still the first version's rows, in order
                rows += n.rowCount();
            }
        }
        assertThat(rows).isEqualTo(300_000);
        assertThat(client.pull("dat")).isEqualTo(ExchangeFixture.table(10, 99));
    }
}
