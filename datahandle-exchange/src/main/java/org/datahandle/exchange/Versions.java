package org.datahandle.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.datahandle.DiskStatus;

/**
 * The version of a handle's published data, as the {@code DataHandle-Version} header carries it: a digest
 * of the files' URIs, sizes and modification times. A delete and re-write makes a new version (new files,
 * new times); a pull compares the version when it starts and when it ends.
 */
final class Versions {
    private Versions() {}

    static String of(DiskStatus status) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (DiskStatus.FileInfo f : status.files()) {
                d.update((f.path() + "\n" + f.size() + "\n" + f.modified().toEpochMilli() + "\n" + f.modified().getNano()
                        + "\n").getBytes(StandardCharsets.UTF_8));
            }
            d.update(status.commitRecord().name().getBytes(StandardCharsets.UTF_8));
            return "d" + HexFormat.of().formatHex(d.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The version of data that lives only in memory: immutable, so its identity is its version. */
    static String ofMemory(Object data) {
        return "m" + Integer.toHexString(System.identityHashCode(data));
    }
}
