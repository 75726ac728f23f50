package org.datahandle.formats.arrow;

import java.util.Map;
import org.datahandle.spi.CodecFactory;
import org.datahandle.testing.AbstractCodecContractTest;

/** The codec contract for the Arrow IPC stream format, in small batches. */
class ArrowStreamContractTest extends AbstractCodecContractTest {
    @Override
    protected CodecFactory codecFactory() {
        return new ArrowStreamCodecFactory();
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("batchRows", 10_000);
    }

    @Override
    protected java.util.OptionalInt maxStreamBatchRows() {
        return java.util.OptionalInt.of(10_000);
    }

    @Override
    protected boolean supportsNested() {
        return true;
    }
}
