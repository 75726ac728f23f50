package org.datahandle.infer;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.datahandle.spi.Positioned;

/**
 * What inference learnt from one path before the paths are made to agree.
 *
 * @param written the path as written, with its position
 * @param uri the absolute URI it expands to
 * @param fileSystem the file system its scheme implies
 * @param implied the format and compression its suffix implies
 */
record PathFacts(Positioned<String> written, URI uri, String fileSystem, SuffixInference.Implied implied) {
    PathFacts {
        requireNonNull(written, "written is null");
        requireNonNull(uri, "uri is null");
        requireNonNull(fileSystem, "fileSystem is null");
        requireNonNull(implied, "implied is null");
    }

    String raw() {
        return written.value();
    }
}
