package org.datahandle.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.datahandle.Catalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection kept alive between requests holds one of the server's threads; when every thread is taken and
 * another connection waits, an idle one gives its thread up at once instead of after the keep-alive time.
 */
class IdleConnectionsTest {
    private static final int THREADS = 2;

    @TempDir
    Path dir;
    Catalog catalog;
    ExchangeServer server;
    final List<RawHttp> open = new ArrayList<>();

    @BeforeEach
    void start() {
        catalog = ExchangeFixture.catalog(dir);
        ExchangeLimits d = ExchangeLimits.defaults();
        // a long idle time, so that only the keep-alive time (10 s) would free a thread without the rule
        server = ExchangeServer.builder(catalog).noConnectionFile()
                .limits(new ExchangeLimits(d.maxBatchBytes(), d.maxUploadBytes(), d.maxMemoryUploadBytes(),
                        d.maxConcurrentUploads(), d.maxConcurrentStreams(), d.maxHeaderBytes(), Duration.ofSeconds(60),
                        THREADS))
                .start();
    }

    @AfterEach
    void stop() throws IOException {
        for (RawHttp h : open) {
            h.close();
        }
        server.close();
        catalog.close();
    }

    @Test
    void aNewConnectionTakesTheThreadOfAnIdleOneWhenNoThreadIsFree() throws IOException {
        RawHttp first = connect();
        RawHttp second = connect();
        info(first);
        info(second); // both now wait for their next request, each on one of the two threads

        RawHttp third = connect();
        info(third);

        // one of the idle two was closed for it, the other still waits (the keep-alive time has not run out)
        boolean firstClosed = closedByServer(first);
        boolean secondClosed = closedByServer(second);
        assertThat(firstClosed ^ secondClosed).as("exactly one idle connection closed: first %s, second %s",
                firstClosed, secondClosed).isTrue();
        assertThat(server.http().idleConnectionsClosedForWaiting()).isEqualTo(1);
    }

    @Test
    void aConnectionThatGoesIdleWhileAnotherWaitsGivesItsThreadUp() throws IOException {
        String body = "{\"a\": 1}";
        RawHttp busyA = connect();
        RawHttp busyB = connect();
        for (RawHttp h : List.of(busyA, busyB)) { // a document push each, its body not sent yet: both threads busy
            h.head("PUT /v1/handles/" + (h == busyA ? "docA" : "docB") + " HTTP/1.1", host(), auth(),
                    "Content-Type: application/json", "Content-Length: " + body.length());
        }
        RawHttp waiting = connect();
        waiting.head("GET /v1/info HTTP/1.1", host(), auth()); // no thread for it yet

        busyB.body(body.getBytes(StandardCharsets.US_ASCII));
        String pushed = busyB.readHead();
        assertThat(pushed).startsWith("HTTP/1.1 201");
        busyB.in.readNBytes((int) RawHttp.contentLength(pushed));
        // busyB's connection would now wait for its next request; with a connection waiting, it closes instead
        assertThat(waiting.readHead()).startsWith("HTTP/1.1 200");
        assertThat(closedByServer(busyB)).isTrue();
        assertThat(server.http().idleConnectionsClosedForWaiting()).as("closed for the waiting one, not by its "
                + "keep-alive time running out").isEqualTo(1);

        busyA.body(body.getBytes(StandardCharsets.US_ASCII));
        assertThat(busyA.readHead()).as("the other request was not disturbed").startsWith("HTTP/1.1 201");
    }

    @Test
    void withAThreadFreeIdleConnectionsStayOpen() throws IOException {
        RawHttp first = connect();
        info(first);
        RawHttp second = connect();
        info(second); // the second thread was free: nothing was closed for it
        assertThat(closedByServer(first)).isFalse();
        info(first); // and the first carries another request
        assertThat(server.http().idleConnectionsClosedForWaiting()).isZero();
    }

    private RawHttp connect() throws IOException {
        RawHttp h = new RawHttp(server.port());
        open.add(h);
        return h;
    }

    /** One request and its whole response, leaving the connection open. */
    private void info(RawHttp h) throws IOException {
        h.head("GET /v1/info HTTP/1.1", host(), auth());
        String head = h.readHead();
        assertThat(head).startsWith("HTTP/1.1 200");
        h.in.readNBytes((int) RawHttp.contentLength(head));
    }

    /** Whether the server closed the connection: end of input, rather than silence for a moment. */
    private static boolean closedByServer(RawHttp h) throws IOException {
        h.socket.setSoTimeout(300);
        try {
            return h.in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            h.socket.setSoTimeout(30_000);
        }
    }

    private String host() {
        return "Host: 127.0.0.1:" + server.port();
    }

    private String auth() {
        return "Authorization: Bearer " + server.token();
    }
}
