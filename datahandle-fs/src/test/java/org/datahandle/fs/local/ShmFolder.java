package org.datahandle.fs.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** A fresh folder name under /dev/shm for one test, removed afterwards. */
final class ShmFolder {
    private ShmFolder() {}

    static Path fresh() {
        Path shm = Path.of("/dev/shm");
        boolean onCi = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!Files.isDirectory(shm) && !onCi) {
            Assumptions.abort("no /dev/shm on this machine");
        }
        return shm.resolve("datahandle-test-" + UUID.randomUUID());
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
