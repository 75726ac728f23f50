package org.datahandle.fs.hdfs;

import java.io.IOException;
import java.util.Map;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.testing.AbstractFileSystemContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared file-system contract against a real (in-process) HDFS. */
class HdfsFileSystemContractTest extends AbstractFileSystemContractTest {
    @RegisterExtension
    static final MiniDfs DFS = new MiniDfs();

    private static FileSystem fileSystem;

    @BeforeAll
    static void open() {
        fileSystem = DFS.newFileSystem(Map.of());
    }

    @AfterAll
    static void close() throws IOException {
        fileSystem.close();
    }

    @Override
    protected FileSystem fileSystem() {
        return fileSystem;
    }

    @Override
    protected Location root() {
        return DFS.freshFolder();
    }
}
