/**
 * The exchange: a catalog's handles pushed and pulled by name over HTTP, from Python, R, another JVM or
 * any language that reads Arrow IPC streams. Tables travel as {@code application/vnd.apache.arrow.stream},
 * {@code object}/{@code json} handles as JSON, job events as NDJSON or server-sent events.
 *
 * <p>API: {@link org.datahandle.exchange.ExchangeServer} (and its builder),
 * {@link org.datahandle.exchange.ExchangeLimits}, {@link org.datahandle.exchange.ExchangeClient},
 * {@link org.datahandle.exchange.ExchangeException} and {@link org.datahandle.exchange.ExchangeAuthException}.
 * Every other class of this package is package-private: the endpoints, the access checks, the upload
 * framing guard, versions, the idle watchdog and the connection file. The protocol, the security model and
 * the limits are described in docs/exchange.md; the Python client is {@code clients/python}.
 */
package org.datahandle.exchange;
