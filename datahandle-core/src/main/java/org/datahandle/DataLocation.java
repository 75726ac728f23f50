package org.datahandle;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;
import org.datahandle.table.Schema;

/**
 * Where one part of a handle's data lives, as another process needs it to read the bytes in place: the
 * seed design's "yellow pages" entry. For local and {@code shm:} files, {@link #uri()} is a {@code file:}
 * URI that a process on {@link #host()} opens or memory-maps (pyarrow's {@code memory_map}, numpy's
 * {@code mmap_mode}); for remote stores it is the store's own URI.
 *
 * @param host the machine that holds the bytes: this machine's name for local and shared-memory files,
 *     the URI's authority (namenode, bucket) for remote stores
 * @param uri where a reader opens the data
 * @param path the part as the handle names it ({@code shm:///samples.arrow}, {@code hdfs://nn/x.csv})
 * @param offset the byte offset of the data in the file (0: a part is a whole file)
 * @param length the number of bytes of data
 * @param schema the columns the library recorded when it published the data; empty for data that came
 *     from outside, or a schema it cannot spell
 * @since 0.1
 */
public record DataLocation(String host, URI uri, URI path, long offset, long length, Optional<Schema> schema) {
    public DataLocation {
        requireNonNull(host, "host is null");
        requireNonNull(uri, "uri is null");
        requireNonNull(path, "path is null");
        requireNonNull(schema, "schema is null");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative: " + offset + ", " + length);
        }
    }
}
