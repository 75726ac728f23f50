package org.datahandle.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who may talk to the server: the request's headers are within the limit, it carries no {@code Origin}
 * (browsers send one; a page must not reach the server through the user's browser), its {@code Host} is one
 * of the server's own names (DNS rebinding), and its bearer token is the server's. The token is compared
 * in constant time (SHA-256 of both, then {@link MessageDigest#isEqual}) and never written to a message.
 */
final class Access {
    private final byte[] tokenDigest;
    private final Set<String> hosts;
    private final int maxHeaderBytes;

    Access(String token, Set<String> hosts, int maxHeaderBytes) {
        this.tokenDigest = sha256(token);
        this.hosts = Set.copyOf(hosts);
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /**
     * Checks a request before any handler sees it.
     *
     * @throws WireError.Failure 431, 403 or 401
     */
    void check(HttpHeaders headers) {
        long size = 0;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            for (String v : e.getValue()) {
                size += e.getKey().length() + (v == null ? 0 : v.length()) + 4;
            }
        }
        if (size > maxHeaderBytes) {
            throw new WireError.Failure(431, WireError.HEADERS_TOO_LARGE, null,
                    "the request headers take " + size + " bytes; this server accepts " + maxHeaderBytes);
        }
        if (headers.containsKey("Origin")) {
            throw new WireError.Failure(403, WireError.FORBIDDEN, null,
                    "requests carrying an Origin header (from a web page) are refused");
        }
        List<String> host = headers.get("Host");
        if (host == null || host.size() != 1 || !hosts.contains(host.get(0).toLowerCase(Locale.ROOT))) {
            throw new WireError.Failure(403, WireError.FORBIDDEN, null,
                    "the Host header is not this server's address (requests through other names are refused)");
        }
        List<String> auth = headers.get("Authorization");
        if (auth == null || auth.isEmpty()) {
            throw new WireError.Failure(401, WireError.UNAUTHORIZED, null,
                    "no token: send 'Authorization: Bearer <token>' (the token is in the server's connection file)");
        }
        String value = auth.get(0);
        if (auth.size() != 1 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new WireError.Failure(401, WireError.UNAUTHORIZED, null,
                    "malformed Authorization header: expected one 'Bearer <token>'");
        }
        if (!MessageDigest.isEqual(tokenDigest, sha256(value.substring(7).trim()))) {
            throw new WireError.Failure(401, WireError.UNAUTHORIZED, null, "wrong token");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
