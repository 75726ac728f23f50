package org.datahandle.fs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedMemoryFileSystemTest {
    private final Path folder = ShmFolder.fresh();

    @AfterEach
    void removeFolder() throws IOException {
        ShmFolder.delete(folder);
    }

    private FileSystem open(Map<String, String> options) {
        return new SharedMemoryFileSystemFactory().create(options, Map.of());
    }

    @Test
    void theFolderIsMadePrivateToTheUser() throws IOException {
        FileSystem fs = open(Map.of("shm.directory", folder.toString()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        Location file = Location.of("shm:///a/b.txt");
        try (OutputStream out = fs.create(file)) {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(fs.localPath(file)).hasValue(folder.resolve("a/b.txt"));
        assertThat(Files.readString(folder.resolve("a/b.txt"))).isEqualTo("hello");
        assertThat(fs.stat(file).orElseThrow().location()).isEqualTo(file);
    }

    @Test
    void anExistingFolderWithLooserPermissionsIsTightened() throws IOException {
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        open(Map.of("shm.directory", folder.toString()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
    }

    @Test
    void aSymbolicLinkInPlaceOfTheFolderIsRefused() throws IOException {
        Path target = Files.createDirectories(folder.resolveSibling(folder.getFileName() + "-target"));
        try {
            Files.createSymbolicLink(folder, target);
            assertThatThrownBy(() -> open(Map.of("shm.directory", folder.toString())))
                    .isInstanceOf(DataHandleException.class).hasMessageContaining("symbolic link")
                    .hasMessageStartingWith(folder.toString())
                    .satisfies(e -> assertThat(((DataHandleException) e).code()).isEqualTo(ErrorCode.CONFIGURATION));
        } finally {
            Files.deleteIfExists(folder);
            Files.deleteIfExists(target);
        }
    }

    @Test
    void theEnvironmentVariableNamesTheFolderWhenTheOptionDoesNot() {
        FileSystem fs = new SharedMemoryFileSystemFactory().create(Map.of(),
                Map.of("DATAHANDLE_SHM_DIR", folder.toString()));
        assertThat(fs.localPath(Location.of("shm:///x"))).hasValue(folder.resolve("x"));
        Path other = ShmFolder.fresh();
        try {
            FileSystem byOption = new SharedMemoryFileSystemFactory().create(Map.of("shm.directory", other.toString()),
                    Map.of("DATAHANDLE_SHM_DIR", folder.toString()));
            assertThat(byOption.localPath(Location.of("shm:///x"))).hasValue(other.resolve("x"));
        } finally {
            try {
                ShmFolder.delete(other);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void theQuotaStopsAWriteWithAMessageThatSaysHowMuchWasNeeded() throws IOException {
        FileSystem fs = open(Map.of("shm.directory", folder.toString(), "shm.limit", "1m"));
        byte[] chunk = new byte[300_000];
        IOException e = null;
        try (OutputStream out = fs.create(Location.of("shm:///big.bin"))) {
            for (int i = 0; i < 10; i++) {
                out.write(chunk);
            }
        } catch (IOException thrown) {
            e = thrown;
        }
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("shm.limit", "1048576", "needs at least 1200000 bytes");
    }

    @Test
    void fullSharedMemoryFailsBeforeWritingWithTheContainerSettingToChange() throws IOException {
        SharedMemoryFileSystem fs = SharedMemoryFileSystem.open(folder, OptionalLong.empty(), () -> 100_000);
        byte[] chunk = new byte[60_000];
        OutputStream out = fs.create(Location.of("shm:///big.bin"));
        out.write(chunk);
        assertThatThrownBy(() -> out.write(new byte[200_000]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shared memory is full")
                .hasMessageContaining("needs at least 260000 bytes")
                .hasMessageContaining("--shm-size")
                .hasMessageContaining("medium: Memory");
        out.close();
    }

    @Test
    void deadWritersStagingFilesAreSweptAndLiveOnesKept() throws IOException {
        Files.createDirectories(folder.resolve("d"));
        Path stale = Files.writeString(folder.resolve("d/.staging-1234abcd.x.arrow"), "old");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Files.writeString(folder.resolve("d/.x.arrow.datahandle.lock"), "");
        open(Map.of("shm.directory", folder.toString()));
        assertThat(stale).doesNotExist();

        // a live writer holds its lock: nothing is swept
        Path live = Files.writeString(folder.resolve("d/.staging-5678abcd.y.arrow"), "being written");
        Files.setLastModifiedTime(live, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        LocalFileSystem local = new LocalFileSystem();
        Optional<FileLock> lock = local.tryLock(Location.of(folder.resolve("e/.y.arrow.datahandle.lock")));
        assertThat(lock).isPresent();
        try {
            open(Map.of("shm.directory", folder.toString()));
            assertThat(live).exists();
        } finally {
            lock.get().close();
        }
    }

    @Test
    void locationsOnAnotherHostOrOutsideTheFolderAreRefused() {
        FileSystem fs = open(Map.of("shm.directory", folder.toString()));
        assertThatThrownBy(() -> fs.stat(Location.of("shm://otherhost/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("this machine");
        assertThatThrownBy(() -> fs.localPath(Location.of("shm:///a/../../etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThat(fs.localPath(Location.of("shm:///a/../b"))).hasValue(folder.resolve("b"));
    }

    @Test
    void sizesParse() {
        assertThat(SharedMemoryFileSystemFactory.parseSize("512m", "x")).isEqualTo(512L << 20);
        assertThat(SharedMemoryFileSystemFactory.parseSize("2G", "x")).isEqualTo(2L << 30);
        assertThat(SharedMemoryFileSystemFactory.parseSize("2gb", "x")).isEqualTo(2L << 30);
        assertThat(SharedMemoryFileSystemFactory.parseSize("1000", "x")).isEqualTo(1000);
        assertThatThrownBy(() -> SharedMemoryFileSystemFactory.parseSize("-1", "shm.limit"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shm.limit");
        assertThatThrownBy(() -> SharedMemoryFileSystemFactory.parseSize("lots", "shm.limit"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
