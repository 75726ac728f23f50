package org.datahandle.formats.csv;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;

/** The {@code tsv} codec: the csv codec with a tab as the default delimiter; the same options. */
public final class TsvCodecFactory implements CodecFactory {
    @Override
    public String format() {
        return "tsv";
    }

    @Override
    public Set<String> optionNames() {
        return CsvOptions.NAMES;
    }

    @Override
    public Codec create(Map<String, Object> options) {
        return new CsvCodec(CsvOptions.parse(options, '\t'));
    }
}
