package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.datahandle.exchange.ExchangeClient;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahandle serve}: a real process, pushed to and pulled from, then stopped as Ctrl-C stops it. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void servesUntilStoppedAndAbortsUploadsInFlight() throws Exception {
        Files.writeString(dir.resolve("wf.yaml"), "dat:\n  disk: {path: out/dat.csv}\nhalf:\n  disk: {path: out/half.arrow}\n");
        Path conn = dir.resolve("conn.json");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", cp, Main.class.getName(), "serve", "wf.yaml", "--connection-file", conn.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            String second = out.readLine();
            assertThat(first).startsWith("serving ").contains(" at http://127.0.0.1:");
            assertThat(second).isEqualTo("connection file: " + conn);
            ExchangeClient client = ExchangeClient.fromConnectionFile(conn);
            String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(conn.toFile()).get("token").asText();
            assertThat(first + second).doesNotContain(token);

            Schema schema = Schema.of(Field.of("id", DataType.INT64));
            Table t = Table.builder(schema).addRow(1L).addRow(2L).build();
            client.push("dat", t);
            Table back = client.pull("dat"); // through the CSV codec: types are inferred again
            assertThat(back.rowCount()).isEqualTo(2);
            assertThat(((Number) back.get(1, "id")).longValue()).isEqualTo(2L);

            // an upload in flight when the server stops: headers and part of a stream, never finished
            int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream o = s.getOutputStream();
                o.write(("PUT /v1/handles/half HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/vnd.apache.arrow.stream\r\nContent-Length: 100000000\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                java.io.ByteArrayOutputStream ipc = new java.io.ByteArrayOutputStream();
                try (var w = org.datahandle.formats.arrow.ArrowIpc.streamWriter(ipc, schema)) {
                    w.write(t);
                }
                o.write(ipc.toByteArray(), 0, ipc.size() - 8); // no end-of-stream marker
                o.flush();
                Thread.sleep(500);
                // Ctrl-C: SIGINT to the server process (Process.destroy would close our end of its output)
                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            StringBuilder rest = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString()).contains("stopped");
            assertThat(p.exitValue()).isNotZero(); // 130: ended by SIGINT
            assertThat(conn).doesNotExist();
            assertThat(Files.exists(dir.resolve("out/dat.csv"))).isTrue();
            try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
                List<String> left = files.map(f -> f.getFileName().toString()).filter(n -> n.contains("half"))
                        .filter(n -> !n.endsWith(".lock")).toList();
                assertThat(left).as("nothing of the cut upload").isEmpty();
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
