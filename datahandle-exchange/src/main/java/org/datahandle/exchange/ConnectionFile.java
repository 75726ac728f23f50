package org.datahandle.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The file that hands a server's URL and token to clients on the same machine (Jupyter's model): created
 * with mode 0600 (never readable by other users, not even for an instant) in a 0700 folder, removed when
 * the server stops.
 */
final class ConnectionFile {
    private ConnectionFile() {}

    /** {@code $XDG_RUNTIME_DIR/datahandle}, else {@code ~/.local/share/datahandle/runtime}. */
    static Path defaultDirectory() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "datahandle");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "datahandle", "runtime");
    }

    static void write(Path file, String url, String token, Optional<Path> workflow) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("url", url);
        content.put("token", token);
        content.put("pid", ProcessHandle.current().pid());
        workflow.ifPresent(w -> content.put("workflow", w.toString()));
        byte[] bytes = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(content);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("connection file " + file + " appeared while it was being written", e);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(bytes);
        }
    }
}
