package org.datahandle.spi;

import java.util.List;

/** Registers disk formats (name and suffixes) for inference. Found by ServiceLoader or registered explicitly. */
public interface FormatProvider {
    List<FileFormat> formats();
}
