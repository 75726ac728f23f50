package org.datahandle.spi;

import java.io.IOException;
import java.io.InputStream;

/**
 * One file a codec reads, already decompressed.
 */
public interface ReadSource {

    /** The handle being read, for error messages. */
    String handleId();

    /** The file, for error messages. */
    Location location();

    /** Opens the decompressed bytes. Called once. */
    InputStream open() throws IOException;

    /** Random access to the raw file, for self-compressed formats (Parquet). */
    SeekableInput openSeekable() throws IOException;
}
