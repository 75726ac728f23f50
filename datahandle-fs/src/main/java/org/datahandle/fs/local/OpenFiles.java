package org.datahandle.fs.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The identity of a file this process has open, read from {@code /proc/self/fd} where the platform
 * has it (Linux): Java cannot {@code fstat} a channel, but each entry there is a link to the open
 * file itself, linked or deleted, and reading its attributes through the link gives that file's
 * device and inode.
 */
final class OpenFiles {
    private static final Path DESCRIPTORS = Path.of("/proc/self/fd");

    private OpenFiles() {}

    /**
     * The file key of the one file this process has open under {@code path} (still linked there, or
     * removed since); empty when the platform cannot tell, nothing is open there, or several
     * different files are (code outside the library may have its own descriptors).
     */
    static Optional<Object> identityOfOpen(Path path) {
        if (!Files.isDirectory(DESCRIPTORS)) {
            return Optional.empty();
        }
        String linked = path.toString();
        String removed = linked + " (deleted)";
        Object found = null;
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(DESCRIPTORS)) {
            for (Path descriptor : descriptors) {
                String target;
                Object key;
                try {
                    target = Files.readSymbolicLink(descriptor).toString();
                    if (!target.equals(linked) && !target.equals(removed)) {
                        continue;
                    }
                    key = Files.readAttributes(descriptor, BasicFileAttributes.class).fileKey();
                } catch (IOException e) {
                    continue; // closed while we looked: not ours, ours stays open
                }
                if (key == null || (found != null && !found.equals(key))) {
                    return Optional.empty();
                }
                found = key;
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(found);
    }
}
