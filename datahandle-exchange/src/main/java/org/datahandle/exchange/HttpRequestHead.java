package org.datahandle.exchange;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * A request's line and headers, parsed strictly (RFC 9112) because this is where request smuggling starts:
 * lines end in CRLF; the request line is exactly {@code METHOD SP origin-form SP HTTP/1.x}; a header name is
 * a token followed at once by a colon (no space before it); no folded lines; no control characters in
 * values; a {@code Content-Length} is digits only, and several must agree; {@code Transfer-Encoding} is
 * exactly {@code chunked}; a request with both is refused. The head is bounded: its lines together may take
 * {@code maxHeaderBytes}, and it has at most {@link #MAX_HEADERS} fields.
 *
 * @param bodyLength the body's length; -1 for a chunked body
 */
record HttpRequestHead(String method, URI uri, String version, HttpHeaders headers, long bodyLength, boolean keepAlive,
        boolean expectContinue) {
    /** The most header fields a request may have. */
    static final int MAX_HEADERS = 100;
    /** The longest request line (its target included). */
    static final int MAX_REQUEST_LINE = 8 << 10;

    boolean chunked() {
        return bodyLength < 0;
    }

    /**
     * Reads the next request's head; {@code null} when the connection ends cleanly before one (or after
     * blank lines, which RFC 9112 lets a server skip before a request line).
     *
     * @throws HttpProtocolException for anything malformed or over the limits
     */
    static HttpRequestHead read(HttpInput in, int maxHeaderBytes) throws IOException {
        HttpProtocolException lineTooLong = new HttpProtocolException(414, WireError.BAD_REQUEST,
                "the request line is over " + MAX_REQUEST_LINE + " bytes");
        String line = in.readLine(MAX_REQUEST_LINE, lineTooLong);
        for (int blank = 0; line != null && line.isEmpty(); blank++) {
            if (blank >= 4) {
                throw HttpProtocolException.badRequest("empty lines instead of a request");
            }
            line = in.readLine(MAX_REQUEST_LINE, lineTooLong);
        }
        if (line == null) {
            return null;
        }
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
            throw HttpProtocolException.badRequest("malformed request line: expected METHOD SP TARGET SP HTTP/1.1");
        }
        String method = line.substring(0, sp1);
        String target = line.substring(sp1 + 1, sp2);
        String version = line.substring(sp2 + 1);
        if (!isToken(method)) {
            throw HttpProtocolException.badRequest("malformed method");
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new HttpProtocolException(505, WireError.BAD_REQUEST, "only HTTP/1.1 and HTTP/1.0 are served");
        }
        if (!target.startsWith("/") || hasControlOrSpace(target)) {
            throw HttpProtocolException.badRequest("the request target must be a path (origin form)");
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw HttpProtocolException.badRequest("malformed request target: " + e.getReason());
        }

        HttpProtocolException tooLarge = new HttpProtocolException(431, WireError.HEADERS_TOO_LARGE,
                "the request headers are over this server's limit of " + maxHeaderBytes + " bytes");
        HttpHeaders headers = new HttpHeaders();
        long headerBytes = 0;
        int count = 0;
        while (true) {
            long before = in.consumed();
            String h = in.readLine((int) Math.min(Integer.MAX_VALUE, maxHeaderBytes - headerBytes + 2), tooLarge);
            if (h == null) {
                throw HttpProtocolException.badRequest("the connection ended inside the request headers");
            }
            headerBytes += in.consumed() - before;
            if (headerBytes > maxHeaderBytes + 2) {
                throw tooLarge;
            }
            if (h.isEmpty()) {
                break;
            }
            if (++count > MAX_HEADERS) {
                throw new HttpProtocolException(431, WireError.HEADERS_TOO_LARGE,
                        "more than " + MAX_HEADERS + " request header fields");
            }
            if (h.charAt(0) == ' ' || h.charAt(0) == '\t') {
                throw HttpProtocolException.badRequest("folded header lines (obs-fold) are not accepted");
            }
            int colon = h.indexOf(':');
            if (colon <= 0 || !isToken(h.substring(0, colon))) {
                throw HttpProtocolException.badRequest("malformed header field name (no space may come before the colon)");
            }
            String value = h.substring(colon + 1).strip();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7F) {
                    throw HttpProtocolException.badRequest("a control character in header " + h.substring(0, colon));
                }
            }
            headers.add(h.substring(0, colon), value);
        }

        List<String> te = headers.get("Transfer-Encoding");
        List<String> cl = headers.get("Content-Length");
        long length = 0;
        if (te != null) {
            if (cl != null) {
                throw HttpProtocolException.badRequest("a request with both Content-Length and Transfer-Encoding is refused");
            }
            if (version.equals("HTTP/1.0")) {
                throw HttpProtocolException.badRequest("Transfer-Encoding in an HTTP/1.0 request");
            }
            if (te.size() != 1 || !te.get(0).equalsIgnoreCase("chunked")) {
                throw new HttpProtocolException(501, WireError.BAD_REQUEST,
                        "only 'Transfer-Encoding: chunked' is accepted");
            }
            length = -1;
        } else if (cl != null) {
            length = -2;
            for (String v : cl) {
                long n = contentLength(v);
                if (length != -2 && n != length) {
                    throw HttpProtocolException.badRequest("conflicting Content-Length values");
                }
                length = n;
            }
        }
        String connection = String.join(",", headers.getOrDefault("Connection", List.of())).toLowerCase(Locale.ROOT);
        boolean keepAlive = version.equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
        String expect = headers.getFirst("Expect");
        boolean expectContinue = expect != null && expect.equalsIgnoreCase("100-continue") && version.equals("HTTP/1.1");
        return new HttpRequestHead(method, uri, version, headers, length, keepAlive, expectContinue);
    }

    /** Digits only (no sign, no spaces, no list), at most 18 of them. */
    private static long contentLength(String v) throws HttpProtocolException {
        if (v.isEmpty() || v.length() > 18) {
            throw HttpProtocolException.badRequest("malformed Content-Length");
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw HttpProtocolException.badRequest("malformed Content-Length");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** RFC 9110 token characters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlOrSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return true;
            }
        }
        return false;
    }
}
