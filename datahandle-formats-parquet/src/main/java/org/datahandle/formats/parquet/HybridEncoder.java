package org.datahandle.formats.parquet;

/**
 * Parquet's RLE/bit-packed hybrid encoding of small unsigned ints (definition levels, dictionary
 * ids), written into a {@link PageBytes}: a value repeated 8 times or more becomes an RLE run,
 * anything else groups of 8 bit-packed values, up to 63 groups under one run header. The same
 * runs parquet-java's {@code RunLengthBitPackingHybridEncoder} writes; the reading side is
 * {@link Hybrid}.
 */
final class HybridEncoder {
    private static final int MAX_GROUPS_PER_RUN = 63;

    private final int bitWidth;
    private final int valueBytes;
    private final PageBytes out;
    private final int[] buffered = new int[8];
    private int bufferedCount;
    private int previous;
    private int repeatCount;
    /** Where the header of the bit-packed run being written goes, or -1 when none is open. */
    private int runHeader = -1;
    private int runGroups;

    HybridEncoder(int bitWidth, PageBytes out) {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new IllegalArgumentException("bit width must be 0..32, was " + bitWidth);
        }
        this.bitWidth = bitWidth;
        this.valueBytes = (bitWidth + 7) / 8;
        this.out = out;
    }

    /** The bits needed for values up to {@code max}. */
    static int bitWidth(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }

    /** Writes {@code count} copies of {@code value} as one RLE run, for a page whose levels are all alike. */
    static void writeRun(PageBytes out, int bitWidth, int value, int count) {
        out.writeUnsignedVarInt(count << 1);
        int bytes = (bitWidth + 7) / 8;
        for (int i = 0; i < bytes; i++) {
            out.writeByte(value >>> (8 * i));
        }
    }

    void write(int value) {
        if (value == previous) {
            repeatCount++;
            if (repeatCount >= 8) {
                return; // the run goes on: counted, not buffered
            }
        } else {
            if (repeatCount >= 8) {
                writeRleRun();
            }
            repeatCount = 1;
            previous = value;
        }
        buffered[bufferedCount++] = value;
        if (bufferedCount == 8) {
            writeBitPackedGroup();
        }
    }

    /** Ends the last run; the encoder is then ready for another page. */
    void finish() {
        if (repeatCount >= 8) {
            writeRleRun();
        } else if (bufferedCount > 0) {
            for (int i = bufferedCount; i < 8; i++) {
                buffered[i] = 0;
            }
            writeBitPackedGroup();
            endBitPackedRun();
        } else {
            endBitPackedRun();
        }
        bufferedCount = 0;
        repeatCount = 0;
        previous = 0;
    }

    private void writeBitPackedGroup() {
        if (runGroups >= MAX_GROUPS_PER_RUN) {
            endBitPackedRun();
        }
        if (runHeader == -1) {
            runHeader = out.size();
            out.writeByte(0); // filled in when the run ends
        }
        out.writeBitPacked8(buffered, bitWidth);
        bufferedCount = 0;
        repeatCount = 0;
        runGroups++;
    }

    private void endBitPackedRun() {
        if (runHeader == -1) {
            return;
        }
        out.setByte(runHeader, (runGroups << 1) | 1);
        runHeader = -1;
        runGroups = 0;
    }

    private void writeRleRun() {
        endBitPackedRun();
        out.writeUnsignedVarInt(repeatCount << 1);
        for (int i = 0; i < valueBytes; i++) {
            out.writeByte(previous >>> (8 * i));
        }
        repeatCount = 0;
        bufferedCount = 0;
    }
}
