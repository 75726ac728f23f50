package org.datahandle.formats.csv;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;

/**
 * The {@code csv} codec: comma-separated, RFC 4180 quoting. Options: {@code header} (default true),
 * {@code delimiter} (default {@code ,}), {@code quote} (default {@code "}; empty turns quoting off),
 * {@code nullValue} (text, or a list of texts, that reads as null besides an unquoted empty field),
 * {@code inferTypes} (default true) and {@code schema} (column name to type name, overriding inference);
 * and for real-world files {@code encoding}, {@code decimal}, {@code thousands}, {@code dateFormat},
 * {@code timestampFormat}, {@code skipRows}, {@code comment}, {@code columns}, {@code inferRows} and
 * {@code badRows} (docs/formats.md). {@link #create} is the one check of them all, which the catalog
 * loader and {@code datahandle validate} both run.
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
