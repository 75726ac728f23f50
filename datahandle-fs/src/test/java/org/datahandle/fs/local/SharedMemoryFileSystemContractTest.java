package org.datahandle.fs.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.testing.AbstractFileSystemContractTest;
import org.junit.jupiter.api.AfterEach;

/** The shm file system passes the same contract as local disk. */
class SharedMemoryFileSystemContractTest extends AbstractFileSystemContractTest {
    private final Path folder = ShmFolder.fresh();
    private final FileSystem fileSystem = new SharedMemoryFileSystemFactory()
            .create(Map.of(SharedMemoryFileSystemFactory.DIRECTORY, folder.toString()));

    @AfterEach
    void removeFolder() throws IOException {
        fileSystem.close();
        ShmFolder.delete(folder);
    }

    @Override
    protected FileSystem fileSystem() {
        return fileSystem;
    }

    @Override
    protected Location root() {
        return Location.of("shm:///contract/");
    }
}
