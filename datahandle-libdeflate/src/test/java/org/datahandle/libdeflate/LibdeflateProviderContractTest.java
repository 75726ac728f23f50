package org.datahandle.libdeflate;

import org.datahandle.spi.DeflateProvider;
import org.datahandle.testing.AbstractDeflateProviderContractTest;

/** The provider contract, through the native library; skipped where it cannot load, failed under CI=true. */
class LibdeflateProviderContractTest extends AbstractDeflateProviderContractTest {
    @Override
    protected DeflateProvider provider() {
        return new LibdeflateProvider();
    }
}
