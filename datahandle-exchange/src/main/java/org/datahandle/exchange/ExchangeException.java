package org.datahandle.exchange;

import static java.util.Objects.requireNonNull;

import org.datahandle.DataHandleException;

/**
 * An error an exchange server answered (or the failure to reach it), for codes that have no exception of
 * their own in the library: {@code TooLarge}, {@code Busy}, {@code BadName}, {@code Storage}, ....
 *
 * @since 0.1
 */
public class ExchangeException extends DataHandleException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public ExchangeException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = requireNonNull(code, "code is null");
    }

    public ExchangeException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = "Unreachable";
    }

    /** The HTTP status (0 when the server could not be reached). */
    public int status() {
        return status;
    }

    /**
     * The protocol's error code ({@code TooLarge}, {@code Busy}, ...; docs/exchange.md). Named apart
     * from {@link DataHandleException#code()}, the library's {@code ErrorCode}.
     */
    public String wireCode() {
        return code;
    }
}
