package org.datahandle.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.datahandle.Catalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's HTTP/1.1 parsing is a security boundary: malformed or ambiguous framing (the stuff of request
 * smuggling) is refused with a status and the connection closed, never guessed at.
 */
class HttpParsingTest {
    @TempDir
    Path dir;
    Catalog catalog;
    ExchangeServer server;

    @BeforeEach
    void start() {
        catalog = ExchangeFixture.catalog(dir);
        server = ExchangeServer.builder(catalog).noConnectionFile().start();
    }

    @AfterEach
    void stop() {
        server.close();
        catalog.close();
    }

    // ---- the head, parsed on its own ----

    private static HttpRequestHead head(String text) throws IOException {
        return HttpRequestHead.read(new HttpInput(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))),
                16 << 10);
    }

    private static int refusal(String text) {
        try {
            head(text);
        } catch (HttpProtocolException e) {
            return e.status();
        } catch (IOException e) {
            throw new AssertionError("not a protocol error: " + e, e);
        }
        throw new AssertionError("accepted: " + text.replace("\r\n", "\\r\\n"));
    }

    @Test
    void aWellFormedHeadParses() throws IOException {
        HttpRequestHead h = head("PUT /v1/handles/dat?x=1 HTTP/1.1\r\nHost: a:1\r\nContent-Length: 12\r\n"
                + "X-Empty:\r\nConnection: keep-alive\r\n\r\n");
        assertThat(h.method()).isEqualTo("PUT");
        assertThat(h.uri().getRawPath()).isEqualTo("/v1/handles/dat");
        assertThat(h.uri().getRawQuery()).isEqualTo("x=1");
        assertThat(h.headers().getFirst("host")).isEqualTo("a:1");
        assertThat(h.headers().getFirst("X-Empty")).isEmpty();
        assertThat(h.bodyLength()).isEqualTo(12);
        assertThat(h.keepAlive()).isTrue();
        assertThat(head("GET / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n").chunked()).isTrue();
        assertThat(head("GET / HTTP/1.1\r\nContent-Length: 7\r\nContent-Length: 7\r\n\r\n").bodyLength()).isEqualTo(7);
        assertThat(head("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("\r\nGET / HTTP/1.1\r\n\r\n").method()).isEqualTo("GET"); // a stray CRLF before a request
        assertThat(head("")).isNull();
    }

    @Test
    void ambiguousBodyFramingIsRefused() {
        // both lengths: the classic smuggling request
        assertThat(refusal("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n")).isEqualTo(400);
        assertThat(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n")).isEqualTo(400);
        // codings other than chunked, lists, repeats
        assertThat(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")).isEqualTo(501);
        assertThat(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"))
                .isEqualTo(501);
        assertThat(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: xchunked\r\n\r\n")).isEqualTo(501);
        assertThat(refusal("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n")).isEqualTo(400);
        // lengths that are not plain digits, or that disagree
        for (String bad : new String[] {"+5", "-1", "5, 5", " ", "0x10", "1e3", "99999999999999999999", "5 5"}) {
            assertThat(refusal("POST / HTTP/1.1\r\nContent-Length: " + bad + "\r\n\r\n")).as(bad).isEqualTo(400);
        }
        assertThat(refusal("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")).isEqualTo(400);
    }

    @Test
    void malformedLinesAreRefused() {
        assertThat(refusal("GET / HTTP/1.1\nHost: a\r\n\r\n")).as("bare LF").isEqualTo(400);
        assertThat(refusal("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n")).as("bare CR").isEqualTo(400);
        assertThat(refusal("GET / HTTP/1.1\r\nHost : a\r\n\r\n")).as("space before colon").isEqualTo(400);
        assertThat(refusal("GET / HTTP/1.1\r\nX-A: 1\r\n  folded\r\n\r\n")).as("obs-fold").isEqualTo(400);
        assertThat(refusal("GET / HTTP/1.1\r\nX-A: a\u0001b\r\n\r\n")).as("control character").isEqualTo(400);
        assertThat(refusal("GET / HTTP/1.1\r\nno colon\r\n\r\n")).isEqualTo(400);
        assertThat(refusal("GET / HTTP/1.1\r\n: empty name\r\n\r\n")).isEqualTo(400);
        assertThat(refusal("GET  / HTTP/1.1\r\n\r\n")).as("two spaces").isEqualTo(400);
        assertThat(refusal("GET / HTTP/1.1 x\r\n\r\n")).isEqualTo(400);
        assertThat(refusal("G(T / HTTP/1.1\r\n\r\n")).as("method not a token").isEqualTo(400);
        assertThat(refusal("GET http://evil.example/v1/info HTTP/1.1\r\n\r\n")).as("absolute form").isEqualTo(400);
        assertThat(refusal("GET /a\u007fb HTTP/1.1\r\n\r\n")).isEqualTo(400);
        assertThat(refusal("GET / HTTP/2.0\r\n\r\n")).isEqualTo(505);
        assertThat(refusal("GET / HTTP/1.1\r\nHost: a")).as("cut inside the headers").isEqualTo(400);
        assertThat(refusal("GET / HTTP/1.1\r\nHost: a\r\n")).as("no blank line").isEqualTo(400);
        assertThat(refusal("\r\n\r\n\r\n\r\n\r\n\r\n")).as("only blank lines").isEqualTo(400);
    }

    @Test
    void oversizedHeadsAreRefusedWithoutGrowingABuffer() {
        assertThat(refusal("GET /" + "a".repeat(HttpRequestHead.MAX_REQUEST_LINE) + " HTTP/1.1\r\n\r\n")).isEqualTo(414);
        assertThat(refusal("GET / HTTP/1.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n")).isEqualTo(431);
        // many lines, each small, together over the limit
        assertThat(refusal("GET / HTTP/1.1\r\n" + "X-A: " + "c".repeat(90) + "\r\n".repeat(1) + ("X-B: "
                + "d".repeat(1000) + "\r\n").repeat(20) + "\r\n")).isEqualTo(431);
        // more fields than allowed
        assertThat(refusal("GET / HTTP/1.1\r\n" + "X: 1\r\n".repeat(HttpRequestHead.MAX_HEADERS + 1) + "\r\n")).isEqualTo(431);
        // a line without an end at all
        assertThat(refusal("GET / HTTP/1.1\r\nX-A: " + "e".repeat(100_000))).isEqualTo(431);
    }

    // ---- bodies ----

    private static byte[] body(String head, String rest) throws IOException {
        HttpInput in = new HttpInput(new ByteArrayInputStream((head + rest).getBytes(StandardCharsets.ISO_8859_1)));
        HttpRequestHead h = HttpRequestHead.read(in, 16 << 10);
        try (InputStream b = HttpBodyInput.of(in, h, 16 << 10)) {
            return b.readAllBytes();
        }
    }

    private static final String CHUNKED = "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";

    @Test
    void chunkedBodiesDecode() throws IOException {
        assertThat(new String(body(CHUNKED, "5\r\nhello\r\n1;ext=1\r\n!\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n"),
                StandardCharsets.US_ASCII)).isEqualTo("hello!0123456789");
        assertThat(body(CHUNKED, "0\r\n\r\n")).isEmpty();
        assertThat(new String(body("PUT / HTTP/1.1\r\nContent-Length: 3\r\n\r\n", "abcdef"), StandardCharsets.US_ASCII))
                .isEqualTo("abc");
    }

    @Test
    void badChunksAreRefused() {
        String[] bad = {
            "zz\r\n", // not hex
            "\r\n", // no size
            "-5\r\nhello\r\n0\r\n\r\n", // a sign
            "FFFFFFFFFFFFFFFF\r\n", // 16 digits: could overflow
            "0x5\r\nhello\r\n0\r\n\r\n",
            " 5\r\nhello\r\n0\r\n\r\n",
            "5\r\nhello world\r\n0\r\n\r\n", // more data than the size says
            "5\nhello\r\n0\r\n\r\n", // bare LF
            "5;" + "x".repeat(5000) + "\r\nhello\r\n0\r\n\r\n", // a size line over its limit
            "0\r\nbad trailer\r\n\r\n",
            "0\r\n" + ("X-T: " + "t".repeat(1000) + "\r\n").repeat(20) + "\r\n", // trailers over the limit
        };
        for (String b : bad) {
            assertThatThrownBy(() -> body(CHUNKED, b)).as(b.length() > 60 ? b.substring(0, 60) : b)
                    .isInstanceOf(HttpProtocolException.class);
        }
    }

    @Test
    void cutBodiesAreErrorsNotEnds() {
        assertThatThrownBy(() -> body(CHUNKED, "5\r\nhel")).isInstanceOf(java.io.EOFException.class);
        assertThatThrownBy(() -> body(CHUNKED, "5\r\nhello\r\n")).isInstanceOf(java.io.EOFException.class);
        assertThatThrownBy(() -> body("PUT / HTTP/1.1\r\nContent-Length: 10\r\n\r\n", "abc"))
                .isInstanceOf(java.io.EOFException.class);
    }

    // ---- over a connection ----

    private String host() {
        return "Host: 127.0.0.1:" + server.port();
    }

    private String auth() {
        return "Authorization: Bearer " + server.token();
    }

    /** Everything the server sends until it closes the connection. */
    private static String rest(RawHttp h) throws IOException {
        return new String(h.in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aSmugglingRequestIsRefusedAndWhatFollowsItIsNeverServed() throws IOException {
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("PUT /v1/handles/dat HTTP/1.1", host(), auth(), "Content-Type: application/json",
                    "Content-Length: 4", "Transfer-Encoding: chunked");
            h.body(("0\r\n\r\nGET /v1/info HTTP/1.1\r\n" + host() + "\r\n" + auth() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String all = rest(h);
            assertThat(all).startsWith("HTTP/1.1 400").contains("Connection: close").contains("Transfer-Encoding")
                    .doesNotContain("\"protocol\"");
            assertThat(all.split("HTTP/1.1 ", -1)).hasSize(2); // one answer, then the connection closed
        }
        assertThat(catalog.get("dat").state().diskProduced()).isFalse();
    }

    @Test
    void badFramingOverTheWireGetsAStatusAndAClose() throws IOException {
        String[][] cases = {
            {"GET /v1/info HTTP/1.1", "Host : 127.0.0.1"},
            {"GET /v1/info HTTP/1.1", "X-A: 1", " folded"},
            {"GET /v1/info HTTP/1.1", "Content-Length: -1"},
            {"GET /v1/info HTTP/1.1", "Transfer-Encoding: identity"},
            {"GET /v1/info HTTP/3"},
            {"GET " + "/a".repeat(5000) + " HTTP/1.1"},
        };
        int[] expected = {400, 400, 400, 501, 505, 414};
        for (int i = 0; i < cases.length; i++) {
            try (RawHttp h = new RawHttp(server.port())) {
                h.head(cases[i][0], Arrays.copyOfRange(cases[i], 1, cases[i].length));
                String all = rest(h);
                assertThat(all).as(cases[i][0]).startsWith("HTTP/1.1 " + expected[i]).contains("\"error\"");
            }
        }
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("GET /v1/info HTTP/1.1", (host() + "\r\n" + auth() + "\r\n").repeat(60).trim().split("\r\n"));
            assertThat(rest(h)).startsWith("HTTP/1.1 431");
        }
    }

    @Test
    void aBadChunkInAPushIsRefusedAndPublishesNothing() throws IOException {
        byte[] ipc = ExchangeFixture.ipc(ExchangeFixture.SCHEMA, ExchangeFixture.table(100, 0));
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("PUT /v1/handles/dat HTTP/1.1", host(), auth(), "Content-Type: application/vnd.apache.arrow.stream",
                    "Transfer-Encoding: chunked");
            h.body((Integer.toHexString(ipc.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            h.body(ipc);
            h.body("\r\nnot-hex\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(rest(h)).startsWith("HTTP/1.1 400").contains("chunk size");
        }
        assertThat(catalog.get("dat").state().diskProduced()).isFalse();
    }

    @Test
    void anErrorAnswerToARequestWithoutABodyKeepsTheConnectionAlive() throws IOException {
        try (RawHttp h = new RawHttp(server.port())) {
            h.head("GET /v1/handles/nosuch HTTP/1.1", host(), auth());
            String head = h.readHead();
            assertThat(head).startsWith("HTTP/1.1 404").doesNotContainIgnoringCase("Connection: close");
            assertThat(new String(h.in.readNBytes((int) RawHttp.contentLength(head)), StandardCharsets.UTF_8))
                    .contains("HandleNotFound");
            h.head("GET /v1/info HTTP/1.1", host(), auth());
            assertThat(h.readHead()).as("the next request on the same connection").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aRefusedSmallBodyIsReadAndTheConnectionCarriesTheNextRequest() throws IOException {
        try (RawHttp h = new RawHttp(server.port())) { // a push of the wrong type: its small body is read and dropped
            h.head("PUT /v1/handles/dat HTTP/1.1", host(), auth(), "Content-Type: text/plain", "Content-Length: 5");
            h.body("hello".getBytes(StandardCharsets.US_ASCII));
            String head = h.readHead();
            assertThat(head).startsWith("HTTP/1.1 415").doesNotContainIgnoringCase("Connection: close");
            h.in.readNBytes((int) RawHttp.contentLength(head));
            h.head("GET /v1/info HTTP/1.1", host(), auth());
            assertThat(h.readHead()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void anErrorAnswerToARequestWhoseBodyWasNotReadClosesTheConnection() throws IOException {
        try (RawHttp h = new RawHttp(server.port())) { // a body announced too big to drain is not read
            h.head("PUT /v1/handles/dat HTTP/1.1", host(), auth(), "Content-Type: text/plain",
                    "Content-Length: 100000000");
            assertThat(rest(h)).startsWith("HTTP/1.1 415").contains("Connection: close");
        }
        try (RawHttp h = new RawHttp(server.port())) { // and an unauthenticated client keeps no connection
            h.head("GET /v1/info HTTP/1.1", host(), "Authorization: Bearer wrong");
            assertThat(rest(h)).startsWith("HTTP/1.1 401").contains("Connection: close");
        }
    }

    @Test
    void keepAliveCarriesRequestsOneAfterAnother() throws IOException {
        try (RawHttp h = new RawHttp(server.port())) {
            for (int i = 0; i < 3; i++) {
                h.head("GET /v1/info HTTP/1.1", host(), auth());
                String head = h.readHead();
                assertThat(head).startsWith("HTTP/1.1 200");
                int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                assertThat(new String(h.in.readNBytes(length), StandardCharsets.UTF_8)).contains("\"protocol\":1");
            }
            // and a request with Expect: 100-continue gets its interim answer first
            h.head("PUT /v1/handles/config HTTP/1.1", host(), auth(), "Content-Type: application/json",
                    "Content-Length: 9", "Expect: 100-continue");
            assertThat(h.readHead()).startsWith("HTTP/1.1 100");
            h.body("{\"a\": 1}\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(h.readHead()).startsWith("HTTP/1.1 201");
        }
        assertThat(catalog.get("config").state().diskProduced()).isTrue();
    }

    @Test
    void aHeadSentAByteAtATimeIsCutOffAtTheIdleTime() throws Exception {
        try (Catalog c = ExchangeFixture.catalog(dir.resolve("slow"));
                ExchangeServer s = ExchangeServer.builder(c).noConnectionFile()
                        .limits(ExchangeLimits.defaults().withIdleTimeout(java.time.Duration.ofSeconds(1))).start();
                RawHttp h = new RawHttp(s.port())) {
            byte[] head = ("GET /v1/info HTTP/1.1\r\nHost: 127.0.0.1:" + s.port() + "\r\nX-Slow: "
                    + "z".repeat(40)).getBytes(StandardCharsets.US_ASCII);
            try {
                for (byte b : head) { // each byte well inside the socket timeout, the whole far over the idle time
                    h.out.write(b);
                    h.out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException closed) {
                // the server gave up on us
            }
            assertThat(rest(h)).startsWith("HTTP/1.1 408");
        }
    }
}
