package org.datahandle.exchange;

/**
 * The server refused the request's credentials: no token, a wrong or malformed one ({@code 401}), or a
 * request it does not take from this origin or host ({@code 403}).
 *
 * @since 0.1
 */
public class ExchangeAuthException extends ExchangeException {
    private static final long serialVersionUID = 1L;

    public ExchangeAuthException(int status, String code, String message) {
        super(status, code, message);
    }
}
