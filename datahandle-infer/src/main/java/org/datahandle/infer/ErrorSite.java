package org.datahandle.infer;

import static java.util.Objects.requireNonNull;

import org.datahandle.SpecException;
import org.datahandle.spi.Positioned;

/**
 * Where inference is working (workflow file and handle), so every error it raises names both and
 * points at the line and column of the field at fault.
 */
record ErrorSite(String source, String handleId) {
    static final String PATH = "disk.path";
    static final String FORMAT = "disk.format";
    static final String COMPRESSION = "disk.compression";
    static final String FILE_SYSTEM = "disk.fileSystem";
    static final String PARTITION_BY = "disk.partitionBy";

    ErrorSite {
        requireNonNull(source, "source is null");
        requireNonNull(handleId, "handleId is null");
    }

    SpecException at(String field, Positioned<?> where, String problem) {
        return new SpecException(source, handleId, field, where.line(), where.column(), problem);
    }
}
