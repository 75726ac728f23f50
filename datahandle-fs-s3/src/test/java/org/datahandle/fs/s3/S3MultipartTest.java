package org.datahandle.fs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.spi.SeekableInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Large objects: multipart uploads that appear only on close, and abandoned uploads that leave nothing. */
class S3MultipartTest {
    @RegisterExtension
    static final S3TestServer S3 = new S3TestServer();
    private static final int MIB = 1 << 20;

    private String bucket;

    @BeforeEach
    void bucket() {
        bucket = S3.newBucket();
    }

    @Test
    void twentyMegabytesInFiveMebibyteParts_roundTrip() throws IOException {
        byte[] content = new byte[20_000_000];
        new Random(42).nextBytes(content);
        Location file = Location.of("s3://" + bucket + "/big/data.bin");
        try (FileSystem fs = fileSystem()) {
            try (OutputStream out = fs.create(file)) {
                for (int offset = 0; offset < content.length; offset += 1_000_003) {
                    out.write(content, offset, Math.min(1_000_003, content.length - offset));
                }
            }

            assertThat(fs.stat(file)).get().extracting(e -> e.size()).isEqualTo((long) content.length);
            try (InputStream in = fs.openRead(file)) {
                assertThat(Arrays.equals(in.readAllBytes(), content)).as("same bytes back").isTrue();
            }
            try (SeekableInput in = fs.openSeekable(file)) {
                byte[] tail = new byte[100];
                assertThat(in.read(content.length - 100, tail, 0, 100)).isEqualTo(100);
                assertThat(tail).isEqualTo(Arrays.copyOfRange(content, content.length - 100, content.length));
                byte[] span = new byte[2 * MIB]; // across a part boundary, larger than a cached block
                assertThat(in.read(5 * MIB - 1000, span, 0, span.length)).isEqualTo(span.length);
                assertThat(span).isEqualTo(Arrays.copyOfRange(content, 5 * MIB - 1000, 7 * MIB - 1000));
            }
        }
        // four parts were uploaded, not one PUT; multipart ETags end in -<parts>
        assertThat(S3.client().headObject(b -> b.bucket(bucket).key("big/data.bin")).eTag()).endsWith("-4\"");
        assertThat(pendingUploads()).isZero();
    }

    @Test
    void objectIsInvisibleUntilCloseAndAnAbandonedStreamLeavesNothing() throws IOException {
        Location file = Location.of("s3://" + bucket + "/big/abandoned.bin");
        FileSystem fs = fileSystem();
        OutputStream out = fs.create(file);
        byte[] chunk = new byte[MIB];
        for (int i = 0; i < 12; i++) { // two parts go out while writing
            out.write(chunk);
        }
        assertThat(pendingUploads()).as("a multipart upload is under way").isEqualTo(1);
        assertThat(fs.stat(file)).as("nothing visible before close").isEmpty();

        fs.close(); // the writer gives up without closing its stream

        assertThat(S3.client().listObjectsV2(b -> b.bucket(bucket)).keyCount()).isZero();
        assertThat(pendingUploads()).as("the upload was aborted").isZero();
    }

    @Test
    void smallObjectIsOnePut() throws IOException {
        Location file = Location.of("s3://" + bucket + "/small.txt");
        try (FileSystem fs = fileSystem()) {
            try (OutputStream out = fs.create(file)) {
                out.write("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(fs.stat(file)).get().extracting(e -> e.size()).isEqualTo(5L);
        }
        assertThat(S3.client().headObject(b -> b.bucket(bucket).key("small.txt")).eTag()).doesNotContain("-");
    }

    private FileSystem fileSystem() {
        Map<String, String> options = new HashMap<>(S3.options());
        options.put(S3Options.PART_SIZE, "5MiB");
        return new S3FileSystemFactory().create(options);
    }

    private int pendingUploads() {
        return S3.client().listMultipartUploads(b -> b.bucket(bucket)).uploads().size();
    }
}
