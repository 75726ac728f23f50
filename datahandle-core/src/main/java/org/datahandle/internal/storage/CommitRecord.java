package org.datahandle.internal.storage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.datahandle.spi.Location;

/**
 * What the library leaves beside data it published (rule 13): which files, their sizes, times and
 * CRC32C checksums, the schema, when and by whom. A handle whose files no longer match its record
 * reads as not produced.
 *
 * @param version the record layout version
 * @param handle the handle that published the data
 * @param format the disk format
 * @param compression the compression
 * @param published when the data was published
 * @param writer {@code pid@host} of the publishing process
 * @param files every file of the data, in order
 * @param schema column names and types, empty when the data is not tabular or was written by a tool
 * @param sidecars files a codec wrote beside the data (a VCF's {@code .tbi} index), published with it
 */
public record CommitRecord(int version, String handle, String format, String compression, Instant published,
        String writer, List<FileRecord> files, List<ColumnRecord> schema, List<FileRecord> sidecars) {

    /** Version 2 names files relative to the record; version 1 (absolute URIs) is still read. */
    public static final int VERSION = 2;
    private static final int FIRST_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public CommitRecord {
        requireNonNull(handle, "handle is null");
        requireNonNull(published, "published is null");
        files = List.copyOf(files);
        schema = schema == null ? List.of() : List.copyOf(schema);
        sidecars = sidecars == null ? List.of() : List.copyOf(sidecars);
    }

    /** A record without sidecar files. */
    public CommitRecord(int version, String handle, String format, String compression, Instant published,
            String writer, List<FileRecord> files, List<ColumnRecord> schema) {
        this(version, handle, format, compression, published, writer, files, schema, List.of());
    }

    /**
     * One published file.
     *
     * @param path where it is, relative to the folder of the record ({@code x.csv},
     *     {@code ../parts/p=1.csv}), so a project that is moved, copied or reached through a
     *     symbolic link keeps its records valid; an absolute URI only when the file is on another
     *     store than the record (or in a version 1 record)
     * @param size its length in bytes
     * @param modified its last-modified time in epoch milliseconds, as the file system reported after publishing
     * @param crc32c CRC32C of its bytes, hex
     */
    public record FileRecord(String path, long size, long modified, String crc32c) {
        public FileRecord {
            requireNonNull(path, "path is null");
        }

        /** The file a record at {@code record} names. */
        public Location resolve(Location record) {
            if (isAbsoluteUri(path)) {
                return Location.of(URI.create(path));
            }
            return record.withPath(record.parent().path() + path);
        }

        /** How a record at {@code record} names {@code file}: relative when both are on one store. */
        public static String name(Location record, Location file) {
            if (!Objects.equals(record.uri().getScheme(), file.uri().getScheme())
                    || !Objects.equals(record.uri().getAuthority(), file.uri().getAuthority())) {
                return file.uri().toString();
            }
            String[] from = record.parent().path().split("/", -1);
            String[] to = file.path().split("/", -1);
            // from ends with an empty segment (the folder's trailing slash); compare folders only
            int folders = from.length - 1;
            int common = 0;
            while (common < folders && common < to.length - 1 && from[common].equals(to[common])) {
                common++;
            }
            StringBuilder rel = new StringBuilder();
            for (int i = common; i < folders; i++) {
                rel.append("../");
            }
            for (int i = common; i < to.length; i++) {
                rel.append(to[i]);
                if (i < to.length - 1) {
                    rel.append('/');
                }
            }
            String name = rel.toString();
            // a first segment with a colon would read back as a URI scheme
            return isAbsoluteUri(name) ? "./" + name : name;
        }

        private static boolean isAbsoluteUri(String path) {
            int colon = path.indexOf(':');
            int slash = path.indexOf('/');
            return colon > 0 && (slash < 0 || colon < slash) && path.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
        }
    }

    /** One column of the published table. */
    public record ColumnRecord(String name, String type) {}

    /** The record as JSON bytes. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(new Wire(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise commit record of " + handle, e);
        }
    }

    /** Parses a record; empty when the bytes are not a record this version understands. */
    public static Optional<CommitRecord> fromJson(byte[] bytes) {
        try {
            Wire w = JSON.readValue(new String(bytes, StandardCharsets.UTF_8), Wire.class);
            if ((w.version != VERSION && w.version != FIRST_VERSION) || w.handle == null || w.files == null || w.published == null) {
                return Optional.empty();
            }
            return Optional.of(new CommitRecord(w.version, w.handle, w.format, w.compression,
                    Instant.parse(w.published), w.writer, w.files, w.schema, w.sidecars));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Plain Jackson shape: records plus Instant would need the JSR-310 module, which core does not carry. */
    static final class Wire {
        public int version;
        public String handle;
        public String format;
        public String compression;
        public String published;
        public String writer;
        public List<FileRecord> files;
        public List<ColumnRecord> schema;
        /** Absent in records written before sidecars existed; those read as having none. */
        public List<FileRecord> sidecars;

        Wire() {}

        Wire(CommitRecord r) {
            version = r.version;
            handle = r.handle;
            format = r.format;
            compression = r.compression;
            published = r.published.toString();
            writer = r.writer;
            files = r.files;
            schema = r.schema;
            sidecars = r.sidecars;
        }
    }
}
