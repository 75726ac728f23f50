package org.datahandle.formats.parquet;

import org.datahandle.spi.CodecFactory;
import org.datahandle.testing.AbstractCodecContractTest;

/**
 * The codec contract for Parquet: self-describing, so every scalar type and the nested ones come
 * back from the file alone, and an empty file keeps names and types. Parquet compresses its pages
 * itself, so it runs without an outer compression.
 */
class ParquetContractTest extends AbstractCodecContractTest {
    @Override
    protected CodecFactory codecFactory() {
        return new ParquetCodecFactory();
    }

    @Override
    protected boolean supportsNested() {
        return true;
    }
}
