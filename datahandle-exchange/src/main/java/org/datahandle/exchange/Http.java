package org.datahandle.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers to answer an exchange. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    static final String JSON_TYPE = "application/json";
    static final String NDJSON_TYPE = "application/x-ndjson";
    static final String SSE_TYPE = "text/event-stream";
    static final String VERSION_HEADER = "DataHandle-Version";

    private Http() {}

    static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", JSON_TYPE);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sendEmpty(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    static void sendError(HttpExchange ex, WireError e) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        e.handle().ifPresent(h -> body.put("handle", h));
        body.put("message", e.message());
        if (e.status() == 401) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        if (e.status() == 503) {
            ex.getResponseHeaders().set("Retry-After", "1");
        }
        // a request whose body was not read to its end (a refused push) cannot be followed by another on the
        // connection, nor can an unauthenticated client keep one; any other error answer keeps it alive
        if (e.status() == 401 || !ex.requestBodyRead()) {
            ex.getResponseHeaders().set("Connection", "close");
        }
        sendJson(ex, e.status(), body);
    }

    /** The query parameters, decoded. */
    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new WireError.Failure(400, WireError.BAD_REQUEST, null, "malformed query parameter " + k);
            }
        }
        return q;
    }

    static boolean accepts(HttpExchange ex, String type) {
        String accept = ex.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.contains(type);
    }
}
