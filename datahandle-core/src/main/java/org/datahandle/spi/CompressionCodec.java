package org.datahandle.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A byte-stream compression ({@code gz}, {@code bgz}, {@code zst}). Found by ServiceLoader or registered
 * explicitly; {@code none} is built in and never registered.
 */
public interface CompressionCodec {

    /** The YAML name: {@code gz}, {@code bgz}, {@code zst}. */
    String name();

    /** Suffixes that imply it, including the dot: {@code .gz}. */
    List<String> suffixes();

    /**
     * True when {@code head} (the first bytes of a file, possibly fewer than asked for) starts the
     * way this compression's output does. Used to check a suffix's claim and to detect, say,
     * BGZF inside a {@code .gz}.
     */
    boolean matches(byte[] head, int length);

    /**
     * The {@code disk.options} keys this compression reads when writing ({@code level}, {@code threads}).
     * The catalog hands these keys to the compression and every other key to the format's codec.
     */
    default Set<String> optionNames() {
        return Set.of();
    }

    /**
     * Other compressions whose readers also read this one's output in full, by name: BGZF is
     * multi-member gzip, so {@code bgz} says {@code gz}. A file named for one of these (a
     * {@code .gz}) whose content is this compression is read with this one, which may be faster
     * (BGZF inflates in parallel), instead of being refused as lying about its content. Default: none.
     */
    default Set<String> readableAs() {
        return Set.of();
    }

    /** How many leading bytes {@link #matches} needs to decide. */
    default int magicLength() {
        return 4;
    }

    /**
     * Wraps a compressed stream. Must read to the real end (every gzip member, not only the first),
     * and must report truncated or corrupt input as an {@link IOException} whose message says so.
     */
    InputStream decompress(InputStream compressed) throws IOException;

    /**
     * As {@link #decompress(InputStream)}, for a decoder that works in parallel: it runs its tasks on
     * {@code executor} (the catalog's, shared by every read) instead of starting threads of its own,
     * never waits for one task inside another, and never shuts {@code executor} down. The default
     * ignores the executor.
     */
    default InputStream decompress(InputStream compressed, Executor executor) throws IOException {
        return decompress(compressed);
    }

    /** Wraps a stream to write compressed data; closing it finishes the stream and closes {@code out}. */
    OutputStream compress(OutputStream out, Map<String, Object> options) throws IOException;
}
