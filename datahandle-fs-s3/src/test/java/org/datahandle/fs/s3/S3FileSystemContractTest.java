package org.datahandle.fs.s3;

import java.io.IOException;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.testing.AbstractFileSystemContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The file-system contract against S3Proxy; rename's atomicity is skipped (S3 has none). */
class S3FileSystemContractTest extends AbstractFileSystemContractTest {
    @RegisterExtension
    static final S3TestServer S3 = new S3TestServer();

    private final FileSystem fileSystem = new S3FileSystemFactory().create(S3.options());

    @AfterEach
    void close() throws IOException {
        fileSystem.close();
    }

    @Override
    protected FileSystem fileSystem() {
        return fileSystem;
    }

    /** Called once per test, by the suite's own {@code @BeforeEach}: a fresh bucket each time. */
    @Override
    protected Location root() {
        return Location.of("s3://" + S3.newBucket() + "/root");
    }
}
