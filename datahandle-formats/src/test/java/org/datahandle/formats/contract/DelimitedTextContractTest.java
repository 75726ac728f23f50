package org.datahandle.formats.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.datahandle.formats.compress.BgzfCodec;
import org.datahandle.formats.compress.GzipCodec;
import org.datahandle.formats.compress.ZstdCodec;
import org.datahandle.formats.csv.CsvCodecFactory;
import org.datahandle.formats.csv.TsvCodecFactory;
import org.datahandle.spi.CodecFactory;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.table.DataType;
import org.datahandle.testing.AbstractCodecContractTest;
import org.junit.jupiter.api.Nested;

/**
 * The codec contract for csv and tsv, each plain and under gz, bgz and zst: eight configurations; and the
 * options of real-world files (issue 17), which must keep the contract too: what a handle with them
 * writes, it reads back the same.
 */
class DelimitedTextContractTest {

    /** What a delimited text file tells its reader: types come from inference, float32/decimal/binary need a schema. */
    abstract static class DelimitedText extends AbstractCodecContractTest {
        private final CodecFactory factory;
        private final Optional<CompressionCodec> compression;

        private final Map<String, Object> options;

        DelimitedText(CodecFactory factory, Optional<CompressionCodec> compression) {
            this(factory, compression, Map.of());
        }

        DelimitedText(CodecFactory factory, Optional<CompressionCodec> compression, Map<String, Object> options) {
            this.factory = factory;
            this.compression = compression;
            this.options = options;
        }

        @Override
        protected Map<String, Object> options() {
            return options;
        }

        @Override
        protected CodecFactory codecFactory() {
            return factory;
        }

        @Override
        protected Optional<CompressionCodec> compression() {
            return compression;
        }

        @Override
        protected Set<DataType> inferredTypes() {
            return Set.of(DataType.BOOLEAN, DataType.INT32, DataType.INT64, DataType.FLOAT64, DataType.STRING,
                    DataType.DATE, DataType.TIMESTAMP, DataType.TIMESTAMP_LOCAL);
        }

        @Override
        protected EmptySchema emptySchema() {
            return EmptySchema.NAMES; // the header
        }

        @Override
        protected OptionalInt maxStreamBatchRows() {
            return OptionalInt.of(65_536);
        }
    }

    @Nested
    class Csv extends DelimitedText {
        Csv() {
            super(new CsvCodecFactory(), Optional.empty());
        }
    }

    @Nested
    class CsvGz extends DelimitedText {
        CsvGz() {
            super(new CsvCodecFactory(), Optional.of(new GzipCodec()));
        }
    }

    @Nested
    class CsvBgz extends DelimitedText {
        CsvBgz() {
            super(new CsvCodecFactory(), Optional.of(new BgzfCodec()));
        }
    }

    @Nested
    class CsvZst extends DelimitedText {
        CsvZst() {
            super(new CsvCodecFactory(), Optional.of(new ZstdCodec()));
        }
    }

    @Nested
    class Tsv extends DelimitedText {
        Tsv() {
            super(new TsvCodecFactory(), Optional.empty());
        }
    }

    @Nested
    class TsvGz extends DelimitedText {
        TsvGz() {
            super(new TsvCodecFactory(), Optional.of(new GzipCodec()));
        }
    }

    @Nested
    class TsvBgz extends DelimitedText {
        TsvBgz() {
            super(new TsvCodecFactory(), Optional.of(new BgzfCodec()));
        }
    }

    @Nested
    class TsvZst extends DelimitedText {
        TsvZst() {
            super(new TsvCodecFactory(), Optional.of(new ZstdCodec()));
        }
    }

    /** A European spreadsheet export: UTF-16 with a byte order mark, ';', decimal commas, day-first dates. */
    @Nested
    class CsvEuropean extends DelimitedText {
        CsvEuropean() {
            super(new CsvCodecFactory(), Optional.empty(), Map.of("encoding", "UTF-16", "delimiter", ";",
                    "decimal", ",", "thousands", ".", "dateFormat", "dd/MM/yyyy"));
        }
    }

    /** A windows-1252 file under gz, with a comment character, a preamble, null markers, a row policy. */
    @Nested
    class CsvGzLegacy extends DelimitedText {
        CsvGzLegacy() {
            super(new CsvCodecFactory(), Optional.of(new GzipCodec()), Map.of("encoding", "UTF-16LE",
                    "comment", "#", "skipRows", 2, "nullValue", List.of("NA", "", "-"), "badRows", "skip",
                    "inferRows", "all", "timestampFormat", "%Y-%m-%d %H:%M:%S.%f"));
        }
    }

    /** strftime dates and an explicit list of columns in a tsv under zst. */
    @Nested
    class TsvZstFormats extends DelimitedText {
        TsvZstFormats() {
            super(new TsvCodecFactory(), Optional.of(new ZstdCodec()), Map.of("dateFormat", "%d.%m.%Y",
                    "inferRows", 1000, "decimal", ","));
        }
    }
}
