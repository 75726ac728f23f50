package org.datahandle.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;

/** The CRC32C a commit record keeps of each file, as lower-case hex of its 32 bits. */
public final class Checksums {
    private Checksums() {}

    /** Reads the whole file once. */
    public static String crc32c(FileSystem fs, Location location) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = fs.openRead(location)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return hex(crc);
    }

    /** The sum as the record keeps it: eight lower-case hex digits. */
    public static String hex(Checksum crc) {
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
