package org.datahandle.spi;

import java.io.IOException;
import java.io.OutputStream;

/** One file a codec writes; compression is applied by the stream. */
public interface WriteTarget {

    String handleId();

    /** Where the data will be published (the codec writes to a staging name behind the stream). */
    Location location();

    /** Opens the stream to write; closing it completes the file. Called once. */
    OutputStream open() throws IOException;
}
