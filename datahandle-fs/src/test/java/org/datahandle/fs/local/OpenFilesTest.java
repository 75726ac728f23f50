package org.datahandle.fs.local;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFilesTest {
    @TempDir
    Path temp;

    @Test
    void tellsTheOpenFileEvenWhenItsNameNowLeadsToAnother() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc/self/fd on this platform");
        Path name = temp.toRealPath().resolve("x.lock");
        try (FileChannel first = FileChannel.open(name, CREATE, WRITE)) {
            assertThat(first.isOpen()).isTrue();
            Object firstKey = key(name);
            assertThat(OpenFiles.identityOfOpen(name)).hasValue(firstKey);

            Files.delete(name);
            Files.createFile(name); // another file under the name, while the first is still open
            assertThat(key(name)).isNotEqualTo(firstKey);
            assertThat(OpenFiles.identityOfOpen(name)).as("the open file, not the name's").hasValue(firstKey);
        }
        assertThat(OpenFiles.identityOfOpen(name)).as("nothing open under the name").isEmpty();
    }

    @Test
    void twoDifferentOpenFilesUnderOneNameAreNotGuessedBetween() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc/self/fd on this platform");
        Path name = temp.toRealPath().resolve("y.lock");
        try (FileChannel first = FileChannel.open(name, CREATE, WRITE)) {
            Files.delete(name);
            try (FileChannel second = FileChannel.open(name, CREATE, WRITE)) {
                assertThat(first.isOpen() && second.isOpen()).isTrue();
                assertThat(OpenFiles.identityOfOpen(name)).isEmpty();
            }
        }
    }

    private static Object key(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }
}
