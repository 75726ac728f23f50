package org.datahandle.internal.storage;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.spi.Registry;

/**
 * Tells compressions apart by their leading bytes. Several may match (every BGZF file is also a
 * gzip file); the one that checks more bytes is the more specific claim and wins, with the name as
 * a tie-break so the answer never depends on registration order.
 */
final class CompressionSniffer {
    private CompressionSniffer() {}

    /** Which registered compression the first {@code length} bytes of {@code head} show, if any. */
    static Optional<CompressionCodec> sniff(byte[] head, int length, Registry registry) {
        Objects.requireNonNull(head, "head is null");
        Objects.requireNonNull(registry, "registry is null");
        if (length < 0 || length > head.length) {
            throw new IllegalArgumentException("length " + length + " is outside the buffer of " + head.length
                    + " bytes");
        }
        return registry.compressions().stream()
                .filter(codec -> codec.matches(head, length))
                .max(Comparator.comparingInt(CompressionCodec::magicLength)
                        .thenComparing(CompressionCodec::name, Comparator.reverseOrder()));
    }
}
