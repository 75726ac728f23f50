package org.datahandle.formats.arrow;

import java.util.Map;
import org.datahandle.spi.CodecFactory;
import org.datahandle.testing.AbstractCodecContractTest;

/** The codec contract for Arrow IPC files whose bodies are ZSTD-compressed. */
class ArrowZstdContractTest extends AbstractCodecContractTest {
    @Override
    protected CodecFactory codecFactory() {
        return new ArrowCodecFactory();
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("compression", "zstd");
    }

    @Override
    protected boolean supportsNested() {
        return true;
    }
}
