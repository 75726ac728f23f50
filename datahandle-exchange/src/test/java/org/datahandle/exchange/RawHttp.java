package org.datahandle.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 by hand, for requests no well-behaved client sends: cut bodies, lying lengths, odd headers. */
final class RawHttp implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    RawHttp(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Over a socket already connected: a TLS one, say. */
    RawHttp(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends a request line and headers (CRLF-terminated lines given without CRLF). */
    RawHttp head(String requestLine, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder(requestLine).append("\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    RawHttp body(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The status line and headers of the response. */
    String readHead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status code of the response. */
    int status() throws IOException {
        String head = readHead();
        if (head.isEmpty()) {
            return -1;
        }
        return Integer.parseInt(head.split(" ")[1]);
    }

    /** The value of a response head's {@code Content-Length}. */
    static long contentLength(String head) {
        return Long.parseLong(head.replaceAll("(?is).*content-length: (\\d+).*", "$1"));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
