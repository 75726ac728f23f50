package org.datahandle.spi;

import java.util.Map;
import java.util.Set;

/**
 * Makes {@link Codec}s for one disk format. Found by ServiceLoader or registered explicitly.
 */
public interface CodecFactory {

    /** The format it reads and writes, as in {@link FileFormat#name()}. */
    String format();

    /** The option names the codec understands; any other {@code disk.options} key is a spec error. */
    Set<String> optionNames();

    /**
     * Makes a codec for a handle's {@code disk.options}.
     *
     * @throws IllegalArgumentException naming the option when a value is invalid
     */
    Codec create(Map<String, Object> options);
}
