package org.datahandle.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.datahandle.spi.DiskInference;
import org.datahandle.spi.Registry;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {

    @Test
    void serviceLoaderFindsTheDefaultInference() {
        assertThat(ServiceLoader.load(DiskInference.class, getClass().getClassLoader()))
                .singleElement().isInstanceOf(DefaultDiskInference.class);
    }

    @Test
    void registryDiscoveryPicksItUp() {
        assertThat(Registry.discover(getClass().getClassLoader()).inference())
                .hasValueSatisfying(i -> assertThat(i).isInstanceOf(DefaultDiskInference.class));
    }
}
