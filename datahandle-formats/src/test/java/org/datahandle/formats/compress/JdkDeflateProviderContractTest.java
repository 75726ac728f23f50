package org.datahandle.formats.compress;

import org.datahandle.spi.DeflateProvider;
import org.datahandle.testing.AbstractDeflateProviderContractTest;

class JdkDeflateProviderContractTest extends AbstractDeflateProviderContractTest {
    @Override
    protected DeflateProvider provider() {
        return new JdkDeflateProvider();
    }
}
