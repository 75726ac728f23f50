package org.datahandle.fs.local;

import java.nio.file.Path;
import java.util.Map;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.testing.AbstractFileSystemContractTest;
import org.junit.jupiter.api.io.TempDir;

class LocalFileSystemContractTest extends AbstractFileSystemContractTest {
    private final FileSystem fileSystem = new LocalFileSystemFactory().create(Map.of());

    @TempDir
    Path temp;

    @Override
    protected FileSystem fileSystem() {
        return fileSystem;
    }

    @Override
    protected Location root() {
        return Location.of(temp);
    }
}
