package org.datahandle.formats.arrow;

import java.util.Map;
import org.datahandle.spi.CodecFactory;
import org.datahandle.testing.AbstractCodecContractTest;

/** The codec contract for Arrow IPC streams whose bodies are LZ4-frame-compressed. */
class ArrowLz4ContractTest extends AbstractCodecContractTest {
    @Override
    protected CodecFactory codecFactory() {
        return new ArrowStreamCodecFactory();
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("compression", "lz4");
    }

    @Override
    protected boolean supportsNested() {
        return true;
    }
}
