package org.datahandle.formats.contract;

import java.util.Optional;
import java.util.Set;
import org.datahandle.formats.compress.GzipCodec;
import org.datahandle.formats.compress.ZstdCodec;
import org.datahandle.formats.json.JsonCodecFactory;
import org.datahandle.formats.json.JsonlCodecFactory;
import org.datahandle.spi.CodecFactory;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.table.DataType;
import org.datahandle.testing.AbstractCodecContractTest;
import org.junit.jupiter.api.Nested;

/**
 * The codec contract for json and jsonl, each plain and under one compression (the compressions
 * themselves are covered for every codec by {@link DelimitedTextContractTest} and the compression
 * contract).
 */
class JsonContractTest {

    /**
     * What a JSON file tells its reader: booleans, integers, doubles and strings are inferred; dates,
     * timestamps, decimals, binary and float32 have no JSON type and are declared in {@code schema}.
     */
    abstract static class Json extends AbstractCodecContractTest {
        private final CodecFactory factory;
        private final Optional<CompressionCodec> compression;

        Json(CodecFactory factory, Optional<CompressionCodec> compression) {
            this.factory = factory;
            this.compression = compression;
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
            return Set.of(DataType.BOOLEAN, DataType.INT32, DataType.INT64, DataType.FLOAT64, DataType.STRING);
        }

        // supportsNested() stays false: JSON arrays and objects are read as lists and structs, but their
        // element types are inferred (a list of small int64 values reads as list<int32>) and the schema
        // option names scalar types only, so the contract's exact nested round trip cannot be asked for;
        // JsonTableTest covers nested values.

        @Override
        protected EmptySchema emptySchema() {
            return EmptySchema.NONE; // "[]" or an empty file: no row, so no key
        }
    }

    @Nested
    class PlainJson extends Json {
        PlainJson() {
            super(new JsonCodecFactory(), Optional.empty());
        }
    }

    @Nested
    class JsonGz extends Json {
        JsonGz() {
            super(new JsonCodecFactory(), Optional.of(new GzipCodec()));
        }
    }

    @Nested
    class Jsonl extends Json {
        Jsonl() {
            super(new JsonlCodecFactory(), Optional.empty());
        }
    }

    @Nested
    class JsonlZst extends Json {
        JsonlZst() {
            super(new JsonlCodecFactory(), Optional.of(new ZstdCodec()));
        }
    }
}
