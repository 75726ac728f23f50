package org.datahandle.exchange;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one {@link ExchangeServer} lets its clients cost it. Every limit answers with a clear error (413,
 * 431 or 503 with a JSON body), never a hang or an out-of-memory error.
 *
 * @param maxBatchBytes the largest record batch (IPC message body) a push may carry; a bigger one is refused
 *     as soon as its header is read, before its body is
 * @param maxUploadBytes the most bytes one push may send (a handle with a disk stages them on disk)
 * @param maxMemoryUploadBytes the most bytes one push to a temporary (memory-only) handle may send: those
 *     batches are held in the server's memory until the upload ends
 * @param maxConcurrentUploads pushes served at once; one more is answered 503 at once
 * @param maxConcurrentStreams pulls and job streams served at once; one more is answered 503 at once
 * @param maxHeaderBytes the most bytes of request headers (names and values) accepted; more is 431
 * @param idleTimeout how long a request may make no progress (a client that stops reading a pull or stops
 *     sending a push) before the server drops it and frees what it held
 * @param threads the server's worker threads (a bounded pool)
 * @since 0.1
 */
public record ExchangeLimits(
        long maxBatchBytes,
        long maxUploadBytes,
        long maxMemoryUploadBytes,
        int maxConcurrentUploads,
        int maxConcurrentStreams,
        int maxHeaderBytes,
        Duration idleTimeout,
        int threads) {

    public ExchangeLimits {
        requireNonNull(idleTimeout, "idleTimeout is null");
        positive(maxBatchBytes, "maxBatchBytes");
        positive(maxUploadBytes, "maxUploadBytes");
        positive(maxMemoryUploadBytes, "maxMemoryUploadBytes");
        positive(maxConcurrentUploads, "maxConcurrentUploads");
        positive(maxConcurrentStreams, "maxConcurrentStreams");
        positive(maxHeaderBytes, "maxHeaderBytes");
        positive(threads, "threads");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
    }

    /**
     * 64 MiB batches, 64 GiB uploads (a quarter of the heap for memory-only handles), 8 uploads and 32
     * streams at once, 16 KiB of headers, 60 s idle, and one thread per upload and stream plus 8 for
     * short requests.
     */
    public static ExchangeLimits defaults() {
        return new ExchangeLimits(64L << 20, 64L << 30, Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4),
                8, 32, 16 << 10, Duration.ofSeconds(60), 8 + 32 + 8);
    }

    public ExchangeLimits withMaxBatchBytes(long bytes) {
        return new ExchangeLimits(bytes, maxUploadBytes, maxMemoryUploadBytes, maxConcurrentUploads,
                maxConcurrentStreams, maxHeaderBytes, idleTimeout, threads);
    }

    public ExchangeLimits withMaxUploadBytes(long bytes) {
        return new ExchangeLimits(maxBatchBytes, bytes, maxMemoryUploadBytes, maxConcurrentUploads,
                maxConcurrentStreams, maxHeaderBytes, idleTimeout, threads);
    }

    public ExchangeLimits withMaxMemoryUploadBytes(long bytes) {
        return new ExchangeLimits(maxBatchBytes, maxUploadBytes, bytes, maxConcurrentUploads,
                maxConcurrentStreams, maxHeaderBytes, idleTimeout, threads);
    }

    /** Also sizes the thread pool: one thread per upload and stream, plus 8. */
    public ExchangeLimits withConcurrency(int uploads, int streams) {
        return new ExchangeLimits(maxBatchBytes, maxUploadBytes, maxMemoryUploadBytes, uploads, streams,
                maxHeaderBytes, idleTimeout, uploads + streams + 8);
    }

    public ExchangeLimits withMaxHeaderBytes(int bytes) {
        return new ExchangeLimits(maxBatchBytes, maxUploadBytes, maxMemoryUploadBytes, maxConcurrentUploads,
                maxConcurrentStreams, bytes, idleTimeout, threads);
    }

    public ExchangeLimits withIdleTimeout(Duration timeout) {
        return new ExchangeLimits(maxBatchBytes, maxUploadBytes, maxMemoryUploadBytes, maxConcurrentUploads,
                maxConcurrentStreams, maxHeaderBytes, timeout, threads);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
