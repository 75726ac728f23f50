package org.datahandle.formats.csv;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;

/**
 * The {@code csv} codec: comma-separated, RFC 4180 quoting. Options: {@code header} (default true),
 * {@code delimiter} (default {@code ,}), {@code quote} (default {@code "}; empty turns quoting off),
 * {@code nullValue} (text that reads as null besides an unquoted empty field), {@code inferTypes}
 * (default true) and {@code schema} (column name to type name, overriding inference).
 */
public final class CsvCodecFactory implements CodecFactory {
    @Override
    public String format() {
        return "csv";
    }

    @Override
    public Set<String> optionNames() {
        return CsvOptions.NAMES;
    }

    @Override
    public Codec create(Map<String, Object> options) {
        return new CsvCodec(CsvOptions.parse(options, ','));
    }
}
