package org.datahandle.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One request and its response on a connection of {@link HttpServer}. Its methods are named as
 * {@code com.sun.net.httpserver.HttpExchange}'s, which the endpoints were written against:
 * {@link #sendResponseHeaders(int, long)} takes the body's length, {@code 0} for a chunked body of unknown
 * length, {@code -1} for none.
 */
final class HttpExchange {
    private final HttpRequestHead head;
    private final HttpBodyInput body;
    private final OutputStream socketOut;
    /** The plain-text socket's channel, for file bytes sent by the kernel; null under TLS. */
    private final SocketChannel socketChannel;
    private final Runnable abort;
    private final HttpHeaders responseHeaders = new HttpHeaders();
    private int responseCode = -1;
    private OutputStream responseBody;
    private boolean closeConnection;
    private boolean closed;

    HttpExchange(HttpRequestHead head, HttpBodyInput body, OutputStream socketOut, SocketChannel socketChannel,
            Runnable abort) {
        this.head = head;
        this.body = body;
        this.socketOut = socketOut;
        this.socketChannel = socketChannel;
        this.abort = abort;
        this.closeConnection = !head.keepAlive();
    }

    String getRequestMethod() {
        return head.method();
    }

    URI getRequestURI() {
        return head.uri();
    }

    HttpHeaders getRequestHeaders() {
        return head.headers();
    }

    HttpHeaders getResponseHeaders() {
        return responseHeaders;
    }

    InputStream getRequestBody() {
        return body;
    }

    /** The status sent, or -1 before {@link #sendResponseHeaders}. */
    int getResponseCode() {
        return responseCode;
    }

    /** Closes the connection at once: blocked reads and writes on it fail (the idle watchdog's way out). */
    void abort() {
        abort.run();
    }

    /** Whether the request's body has been read to its end (a request without a body has). */
    boolean requestBodyRead() {
        return body.complete();
    }

    /** Whether the connection may carry another request after this one. */
    boolean reusable() {
        return closed && !closeConnection && body.complete();
    }

    void sendResponseHeaders(int status, long length) throws IOException {
        if (responseCode != -1) {
            throw new IllegalStateException("the response headers were already sent");
        }
        responseCode = status;
        List<String> connection = responseHeaders.get("Connection");
        if (connection != null && connection.stream().anyMatch(v -> v.equalsIgnoreCase("close"))) {
            closeConnection = true;
        }
        boolean noBody = length < 0 || status == 204 || status == 304 || status < 200;
        StringBuilder sb = new StringBuilder(256);
        sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        sb.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            String name = e.getKey();
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                    || name.equalsIgnoreCase("Connection")) {
                continue; // framing is this class's
            }
            for (String v : e.getValue()) {
                sb.append(name).append(": ").append(v).append("\r\n");
            }
        }
        if (noBody) {
            if (status != 204 && status != 304 && status >= 200) {
                sb.append("Content-Length: 0\r\n");
            }
        } else if (length > 0) {
            sb.append("Content-Length: ").append(length).append("\r\n");
        } else {
            sb.append("Transfer-Encoding: chunked\r\n");
        }
        if (closeConnection) {
            sb.append("Connection: close\r\n");
        }
        sb.append("\r\n");
        socketOut.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (noBody) {
            responseBody = new HttpBodyOutput.Fixed(socketOut, 0, null);
        } else if (length > 0) {
            responseBody = new HttpBodyOutput.Fixed(socketOut, length, socketChannel);
        } else {
            responseBody = new HttpBodyOutput.Chunked(socketOut);
        }
    }

    OutputStream getResponseBody() {
        if (responseBody == null) {
            throw new IllegalStateException("send the response headers first");
        }
        return responseBody;
    }

    /**
     * Ends the exchange: completes the response body (the last chunk) and flushes it. A response that was
     * never started, or whose body is short of its length, closes the connection.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (responseBody == null) {
                closeConnection = true;
                return;
            }
            responseBody.close();
            if (responseBody instanceof HttpBodyOutput.Fixed f && !f.complete()) {
                closeConnection = true;
            }
            socketOut.flush();
        } catch (IOException | RuntimeException e) {
            closeConnection = true;
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            case 507 -> "Insufficient Storage";
            default -> "Status";
        };
    }
}
