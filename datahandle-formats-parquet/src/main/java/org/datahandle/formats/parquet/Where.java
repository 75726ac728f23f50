package org.datahandle.formats.parquet;

import java.net.URI;
import org.datahandle.DataFormatException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.spi.ReadSource;

/** The handle and file a problem belongs to, for error messages. */
record Where(String handleId, URI path) {
    static Where of(ReadSource source) {
        return new Where(source.handleId(), source.location().uri());
    }

    /** "handle 'h': file:/x.parquet" */
    String prefix() {
        return "handle '" + handleId + "': " + path;
    }

    DataFormatException corrupt(String problem, long byteOffset, Throwable cause) {
        String offset = byteOffset >= 0 ? " at byte " + byteOffset : "";
        return new DataFormatException(prefix() + offset + ": " + problem, path, -1, byteOffset, cause);
    }

    UnsupportedFormatException encrypted() {
        return new UnsupportedFormatException(prefix() + ": the Parquet file is encrypted, and reading encrypted "
                + "Parquet (modular encryption) is not supported; decrypt it with the tool that wrote it");
    }
}
