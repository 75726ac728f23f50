package org.datahandle.formats.parquet;

import java.net.URI;
import org.datahandle.DataFormatException;
import org.datahandle.ErrorLocation;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.spi.ReadSource;

/** The handle and file a problem belongs to, for the errors raised while reading a Parquet file. */
record Where(String handleId, URI path) {
    /** For code that runs after the schema was checked, where an unsupported type cannot occur. */
    static final Where UNKNOWN = new Where(null, null);

    static Where of(ReadSource source) {
        return new Where(source.handleId(), source.location().uri());
    }

    DataFormatException corrupt(String problem, long byteOffset, Throwable cause) {
        return new DataFormatException(handleId, path, -1, -1, byteOffset, problem, cause);
    }

    UnsupportedFormatException unsupported(String problem) {
        return unsupported(problem, null);
    }

    UnsupportedFormatException unsupported(String problem, Throwable cause) {
        return new UnsupportedFormatException(handleId, path == null ? ErrorLocation.UNKNOWN : ErrorLocation.of(path),
                problem, cause);
    }

    UnsupportedFormatException encrypted() {
        return unsupported("the Parquet file is encrypted, and reading encrypted Parquet (modular encryption) is not"
                + " supported; decrypt it with the tool that wrote it");
    }
}
