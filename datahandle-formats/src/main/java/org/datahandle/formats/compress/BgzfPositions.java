package org.datahandle.formats.compress;

/**
 * Positions in a BGZF stream being written, for formats that index their own records (the VCF
 * codec's tabix index). The {@code bgz} compression's output stream implements it.
 *
 * <p>Blocks are deflated in parallel, so where a block lands in the file is known only once it has
 * been written. A writer therefore takes a {@link #position()} before each record (block number
 * and offset inside the block) and turns it into a BGZF virtual offset with
 * {@link #virtualOffset(long)} after the stream is closed.
 *
 * @since 1.0
 */
public interface BgzfPositions {

    /** Where the next byte written goes: the block number in the upper bits, the offset in the block in the low 16. */
    long position();

    /**
     * The BGZF virtual offset ({@code compressed block start << 16 | offset in block}) of a
     * {@link #position()}.
     *
     * @throws IllegalStateException if the block holding it has not been written yet (close the stream first)
     */
    long virtualOffset(long position);
}
