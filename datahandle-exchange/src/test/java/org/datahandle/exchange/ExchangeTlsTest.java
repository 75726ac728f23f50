package org.datahandle.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.datahandle.Catalog;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS, as a non-loopback server must serve: a key made by the JDK's keytool, a client that trusts it. */
class ExchangeTlsTest {
    @TempDir
    Path dir;

    @Test
    void pushAndPullOverHttps() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path ks = dir.resolve("server.p12");
        Path cert = dir.resolve("server.crt");
        Path ts = dir.resolve("trust.p12");
        run(List.of(keytool.toString(), "-genkeypair", "-alias", "dh", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", "changeit"));
        run(List.of(keytool.toString(), "-exportcert", "-alias", "dh", "-keystore", ks.toString(), "-storepass", "changeit",
                "-file", cert.toString()));
        run(List.of(keytool.toString(), "-importcert", "-noprompt", "-alias", "dh", "-file", cert.toString(),
                "-storetype", "PKCS12", "-keystore", ts.toString(), "-storepass", "changeit"));

        SSLContext serverSsl = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(ks), "changeit".toCharArray());
        serverSsl.init(kmf.getKeyManagers(), null, null);
        SSLContext clientSsl = SSLContext.getInstance("TLS");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(ts));
        clientSsl.init(null, tmf.getTrustManagers(), null);

        try (Catalog catalog = ExchangeFixture.catalog(dir);
                ExchangeServer server = ExchangeServer.builder(catalog).tls(serverSsl).noConnectionFile().start()) {
            assertThat(server.url()).startsWith("https://127.0.0.1:");
            ExchangeClient client = ExchangeClient.connect(server.url(), server.token(), clientSsl);
            Table t = ExchangeFixture.table(1000, 5);
            client.push("dat", t);
            assertThat(client.pull("dat")).isEqualTo(t);
            // by hand: the body is the file's stream section byte for byte, copied and encrypted (no sendfile)
            byte[] file = Files.readAllBytes(dir.resolve("out/dat.arrow"));
            try (RawHttp h = new RawHttp(clientSsl.getSocketFactory().createSocket("127.0.0.1", server.port()))) {
                h.head("GET /v1/handles/dat HTTP/1.1", "Host: 127.0.0.1:" + server.port(),
                        "Authorization: Bearer " + server.token());
                String head = h.readHead();
                assertThat(head).startsWith("HTTP/1.1 200");
                int served = (int) RawHttp.contentLength(head);
                assertThat(served).isGreaterThan(file.length / 2).isLessThan(file.length);
                assertThat(h.in.readNBytes(served)).isEqualTo(java.util.Arrays.copyOfRange(file, 8, 8 + served));
            }
            // a client that does not trust the certificate gets nowhere
            assertThatThrownBy(() -> ExchangeClient.connect(server.url(), server.token()).list())
                    .isInstanceOf(ExchangeException.class);
            // plain HTTP to the TLS port gets nowhere either
            assertThatThrownBy(() -> ExchangeClient.connect(server.url().replace("https", "http"), server.token()).list())
                    .isInstanceOf(ExchangeException.class);
        }
        // a handshake trickled a byte at a time is cut off at the idle time, though each byte comes in time
        try (Catalog catalog = ExchangeFixture.catalog(dir.resolve("slow"));
                ExchangeServer server = ExchangeServer.builder(catalog).tls(serverSsl).noConnectionFile()
                        .limits(ExchangeLimits.defaults().withIdleTimeout(java.time.Duration.ofSeconds(1))).start();
                java.net.Socket raw = new java.net.Socket("127.0.0.1", server.port())) {
            raw.setSoTimeout(30_000);
            byte[] record = {0x16, 0x03, 0x01, 0x02, 0x00}; // a handshake record of 512 bytes, then its body slowly
            boolean cut = false;
            try {
                raw.getOutputStream().write(record);
                for (int i = 0; i < 100; i++) {
                    Thread.sleep(200);
                    raw.getOutputStream().write(1);
                    raw.getOutputStream().flush();
                }
            } catch (java.io.IOException closedByServer) {
                cut = true;
            }
            if (!cut) {
                try {
                    cut = raw.getInputStream().read() < 0;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    cut = false;
                } catch (java.io.IOException reset) {
                    cut = true;
                }
            }
            assertThat(cut).as("the server closed the trickling connection").isTrue();
        }
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore k = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            k.load(in, "changeit".toCharArray());
        }
        return k;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    }
}
