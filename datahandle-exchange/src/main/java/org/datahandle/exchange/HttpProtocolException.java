package org.datahandle.exchange;

import java.io.IOException;

/**
 * A request that breaks HTTP/1.1 framing: it is answered with its status and the connection is closed,
 * since nothing after it can be trusted to start where the client thinks (request smuggling).
 */
final class HttpProtocolException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    HttpProtocolException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static HttpProtocolException badRequest(String message) {
        return new HttpProtocolException(400, WireError.BAD_REQUEST, message);
    }

    int status() {
        return status;
    }

    WireError error() {
        return WireError.of(status, code, null, getMessage());
    }
}
