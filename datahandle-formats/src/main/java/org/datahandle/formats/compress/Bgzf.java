package org.datahandle.formats.compress;

/**
 * The BGZF block layout (SAM/BAM specification section 4.1): a gzip member whose 18-byte header
 * carries, in its FEXTRA field, a {@code BC} subfield holding the total block size minus one.
 */
final class Bgzf {

    static final int HEADER_LENGTH = 18;
    static final int FOOTER_LENGTH = 8;
    /** Upper bound of both the compressed block and its uncompressed content. */
    static final int MAX_BLOCK_LENGTH = 65536;
    /** Uncompressed bytes per block when writing: what htslib fills (0xff00), so deflate output always fits. */
    static final int WRITE_BLOCK_LENGTH = 0xFF00;

    /** The empty block that ends every BGZF file. */
    static final byte[] EOF_BLOCK = {
        0x1f, (byte) 0x8b, 0x08, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xff, 0x06, 0x00, 0x42, 0x43, 0x02, 0x00,
        0x1b, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00
    };

    private Bgzf() {}

    /** Whether {@code b[0..18)} is a BGZF block header, checked the way htslib checks it. */
    static boolean isBlockHeader(byte[] b, int length) {
        return length >= HEADER_LENGTH
                && (b[0] & 0xFF) == 0x1F
                && (b[1] & 0xFF) == 0x8B
                && b[2] == 8
                && (b[3] & 0x04) != 0
                && uint16(b, 10) == 6
                && b[12] == 'B'
                && b[13] == 'C'
                && uint16(b, 14) == 2;
    }

    /** Why {@code b} is not a BGZF block header, for error messages. */
    static String headerProblem(byte[] b) {
        if ((b[0] & 0xFF) != 0x1F || (b[1] & 0xFF) != 0x8B) {
            return "no gzip magic 1f 8b";
        }
        if (b[2] != 8) {
            return "compression method " + (b[2] & 0xFF) + " is not deflate (8)";
        }
        if ((b[3] & 0x04) == 0) {
            return "gzip header without FEXTRA (plain gzip, not BGZF: use compression gz)";
        }
        return "FEXTRA is not the BGZF 'BC' subfield (XLEN 6, 'B' 'C', SLEN 2)";
    }

    /** The fixed header, with BSIZE = {@code blockLength - 1}, into {@code b[0..18)}. */
    static void writeHeader(byte[] b, int blockLength) {
        System.arraycopy(EOF_BLOCK, 0, b, 0, 16);
        b[16] = (byte) (blockLength - 1);
        b[17] = (byte) ((blockLength - 1) >>> 8);
    }

    static int uint16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static int int32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static void putInt32(byte[] b, int off, int value) {
        b[off] = (byte) value;
        b[off + 1] = (byte) (value >>> 8);
        b[off + 2] = (byte) (value >>> 16);
        b[off + 3] = (byte) (value >>> 24);
    }
}
