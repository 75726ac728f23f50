package org.datahandle.formats.arrow;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;

/**
 * The codec of format {@code npy}: NumPy's {@code .npy} array file, for the {@code matrix} memory form
 * ({@code double[][]}). Writes a two-dimensional C-order float64 array whose data start 64-byte aligned,
 * which {@code numpy.load(path, mmap_mode='r')} maps without a copy; reads one- and two-dimensional arrays of
 * floats (f2, f4, f8), integers (i1..i8, u1..u8) and booleans, in either byte order and memory order. Columns
 * are named {@code col1..colN}, as the {@code matrix} memory form names them; a NaN reads as a null, as a
 * null converts to NaN in a matrix. No options.
 */
public final class NpyCodecFactory implements CodecFactory {
    /** The format name, as registered by the built-in formats. */
    public static final String FORMAT = "npy";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of();
    }

    @Override
    public Codec create(Map<String, Object> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("the npy format has no options; got " + options.keySet());
        }
        return new NpyCodec();
    }
}
