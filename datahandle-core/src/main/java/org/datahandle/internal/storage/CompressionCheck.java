package org.datahandle.internal.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.datahandle.DataFormatException;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.spi.FileFormat;
import org.datahandle.spi.Location;
import org.datahandle.spi.Registry;

/**
 * Checks a file's leading bytes against the compression its name claims, and picks the decoder:
 * a {@code .gz} that is really BGZF is read as BGZF; a file that lies about what it is fails with a
 * {@link DataFormatException} that says both.
 */
final class CompressionCheck {
    private static final int HEAD = 32;

    private CompressionCheck() {}

    /** The decompressed stream of {@code raw}, which is closed on failure. */
    static InputStream open(InputStream raw, String claimed, String format, Location location, Registry registry,
            Executor executor) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        try {
            in.mark(HEAD);
            byte[] head = in.readNBytes(HEAD);
            in.reset();
            Optional<CompressionCodec> actual = CompressionSniffer.sniff(head, head.length, registry);
            CompressionCodec codec = choose(claimed, actual, head, location, registry);
            if (codec == null) {
                checkFormatMagic(format, head, location, registry);
            }
            return codec == null ? in : codec.decompress(in, executor);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** A Parquet file renamed {@code .csv} says so, instead of failing later as "invalid UTF-8". */
    private static void checkFormatMagic(String format, byte[] head, Location location, Registry registry) {
        if (!hasBinaryByte(head)) {
            return; // magic bytes followed by plain text: a text file whose first cell happens to be 'PAR1'
        }
        for (FileFormat other : registry.formats()) {
            if (!other.name().equals(format) && other.matchesMagic(head, head.length)) {
                throw new DataFormatException(null, location.uri(), -1, -1, 0, "the name says '" + format
                        + "', but the content is a '"
                        + other.name() + "' file (it starts with its magic bytes " + HexFormat.ofDelimiter(" ")
                        .formatHex(head, 0, other.magic().orElseThrow().length) + "); rename the file or set disk.format",
                        null);
            }
        }
    }

    /**
     * True when the head holds a control byte no text file has (tab, line breaks and form feed
     * aside): binary formats follow their magic with such bytes (Parquet with a page header), so
     * magic bytes alone never make a text file binary.
     */
    private static boolean hasBinaryByte(byte[] head) {
        for (byte b : head) {
            int c = b & 0xff;
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static CompressionCodec choose(String claimed, Optional<CompressionCodec> actual, byte[] head,
            Location location, Registry registry) {
        String found = actual.map(CompressionCodec::name).orElse("none");
        if (claimed.equals(found)) {
            return actual.orElse(null);
        }
        if (actual.isPresent() && actual.get().readableAs().contains(claimed)) {
            return actual.get(); // say BGZF in a .gz: gzip with block headers, same data, faster to read
        }
        String start = head.length == 0 ? "the file is empty"
                : "its first bytes are " + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length));
        String what = claimed.equals("none") ? "uncompressed" : "'" + claimed + "'-compressed";
        String is = found.equals("none") ? "no compression DataHandle knows (" + start + ")"
                : "'" + found + "' data (" + start + ")";
        throw new DataFormatException(null, location.uri(), -1, -1, 0, "the name says " + what
                + ", but the content is " + is + "; rename the file or set disk.compression", null);
    }
}
