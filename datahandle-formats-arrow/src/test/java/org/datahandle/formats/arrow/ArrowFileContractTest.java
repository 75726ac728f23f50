package org.datahandle.formats.arrow;

import org.datahandle.spi.CodecFactory;
import org.datahandle.testing.AbstractCodecContractTest;

/** The codec contract for the Arrow IPC file format, uncompressed. */
class ArrowFileContractTest extends AbstractCodecContractTest {
    @Override
    protected CodecFactory codecFactory() {
        return new ArrowCodecFactory();
    }

    @Override
    protected boolean supportsNested() {
        return true;
    }
}
