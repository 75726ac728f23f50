package org.datahandle.fs.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.FileSystemFactory;
import org.datahandle.spi.Location;
import org.datahandle.spi.SeekableInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local file system does beyond the shared contract. */
class LocalFileSystemTest {
    private final FileSystem fileSystem = new LocalFileSystemFactory().create(Map.of("fs.s3a.endpoint", "ignored"));

    @TempDir
    Path temp;

    @Test
    void factoryIsFoundByServiceLoaderUnderItsYamlName() {
        List<FileSystemFactory> factories = ServiceLoader.load(FileSystemFactory.class, getClass().getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();

        assertThat(factories).filteredOn(factory -> factory.name().equals("local")).singleElement()
                .satisfies(factory -> assertThat(factory.schemes()).containsExactly("file"))
                .isInstanceOf(LocalFileSystemFactory.class);
    }

    @Test
    void claimsEveryCapability() {
        assertThat(fileSystem.capabilities()).containsExactlyInAnyOrder(Capability.values());
    }

    @Test
    void refusesOtherSchemesNamingTheLocation() {
        Location remote = Location.of("s3://bucket/key.csv");

        assertThatThrownBy(() -> fileSystem.stat(remote))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://bucket/key.csv");
    }

    @Test
    void readingAFolderFailsNamingIt() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("folder"));

        assertThatThrownBy(() -> fileSystem.openRead(Location.of(folder)).close())
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining(folder.toString())
                .hasMessageContaining("folder");
    }

    @Test
    void listTreatsAFileWhereTheFolderShouldBeAsNoFolder() throws IOException {
        Path file = Files.writeString(temp.resolve("plain.txt"), "x");

        assertThat(fileSystem.list(Location.of(file))).isEmpty();
    }

    @Test
    void renameCreatesTheTargetFolder() throws IOException {
        Path source = Files.writeString(temp.resolve("source.txt"), "moved");
        Path target = temp.resolve("new/folder/target.txt");

        fileSystem.rename(Location.of(source), Location.of(target));

        assertThat(Files.readString(target)).isEqualTo("moved");
        assertThat(source).doesNotExist();
    }

    @Test
    void renameOfMissingSourceCreatesNothing() {
        Location source = Location.of(temp.resolve("missing.txt"));
        Location target = Location.of(temp.resolve("new/target.txt"));

        assertThatThrownBy(() -> fileSystem.rename(source, target)).isInstanceOf(NoSuchFileException.class);
        assertThat(temp.resolve("new")).doesNotExist();
    }

    @Test
    void deleteOfNonEmptyFolderFailsNamingIt() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("full"));
        Files.writeString(folder.resolve("f.txt"), "x");

        assertThatThrownBy(() -> fileSystem.delete(Location.of(folder)))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining(folder.toString());
        assertThat(folder.resolve("f.txt")).exists();
    }

    @Test
    void lockFileGoesWithItsRelease() throws IOException {
        Path lockFile = temp.resolve("locks/.lock");

        Optional<FileLock> lock = fileSystem.tryLock(Location.of(lockFile));
        assertThat(lock).isPresent();
        assertThat(lockFile).exists();
        assertThat(fileSystem.tryLock(Location.of(lockFile))).isEmpty();
        lock.get().close();

        assertThat(lockFile).doesNotExist();
        Optional<FileLock> again = fileSystem.tryLock(Location.of(lockFile));
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void aLockIsNeverTakenThroughASymbolicLink() throws IOException {
        Path target = temp.resolve("elsewhere/target");
        Files.createDirectories(target.getParent());
        Path lockFile = Files.createSymbolicLink(temp.resolve(".lock"), target);

        assertThatThrownBy(() -> fileSystem.tryLock(Location.of(lockFile)))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("symbolic link");
        assertThat(target).doesNotExist();
    }

    @Test
    void createNeverWritesThroughASymbolicLink() throws IOException {
        Path target = Files.writeString(temp.resolve("target.txt"), "precious");
        Path staged = Files.createSymbolicLink(temp.resolve(".staging-x.out.csv"), target);

        assertThatThrownBy(() -> fileSystem.create(Location.of(staged)).close())
                .isInstanceOf(FileSystemException.class).hasMessageContaining("symbolic link");
        assertThat(target).hasContent("precious");
    }

    @Test
    void seekableRefusesNegativePosition() throws IOException {
        Path file = Files.writeString(temp.resolve("f.bin"), "abc");

        try (SeekableInput input = fileSystem.openSeekable(Location.of(file))) {
            assertThatThrownBy(() -> input.read(-1, new byte[1], 0, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(file.toString());
            assertThat(input.read(1, new byte[0], 0, 0)).isZero();
        }
    }

    @Test
    void readErrorsNameTheFile() throws IOException {
        Path file = Files.writeString(temp.resolve("f.txt"), "abc");
        InputStream in = fileSystem.openRead(Location.of(file));
        in.close();

        // The JDK's ClosedChannelException has no message at all.
        assertThatThrownBy(in::read)
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasCauseInstanceOf(ClosedChannelException.class);
    }

    @Test
    void errorsThatAlreadyNameThePathAreKept() {
        Path path = temp.resolve("x");
        NoSuchFileException named = new NoSuchFileException(path.toString());

        assertThat(IoErrors.withPath(path, named)).isSameAs(named);
        assertThat(IoErrors.withPath(path, new IOException("Input/output error")))
                .hasMessage(path + ": Input/output error");
    }

    @Test
    void createdStreamWritesBulkData() throws IOException {
        Location file = Location.of(temp.resolve("bulk.txt"));
        byte[] content = "0123456789".repeat(10_000).getBytes(UTF_8);

        try (var out = fileSystem.create(file)) {
            out.write(content, 0, content.length);
        }

        assertThat(Files.readAllBytes(temp.resolve("bulk.txt"))).isEqualTo(content);
    }
}
