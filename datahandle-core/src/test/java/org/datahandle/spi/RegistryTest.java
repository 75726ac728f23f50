package org.datahandle.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryTest {

    private record Factory(String name, Set<String> schemes) implements FileSystemFactory {
        @Override
        public FileSystem create(Map<String, String> options) {
            throw new UnsupportedOperationException("not created in this test");
        }
    }

    @Test
    void withFileSystemsWrapsEveryFactoryAndLeavesTheOriginalAsItWas() {
        Factory s3 = new Factory("s3", Set.of("s3", "s3a"));
        Factory local = new Factory("local", Set.of("file"));
        Registry original = Registry.builder().register(s3).register(local).build();

        Registry wrapped = original.withFileSystems(f -> new Factory(f.name(), f.schemes()));

        assertThat(wrapped.fileSystemForScheme("s3a")).get().isNotSameAs(s3).isEqualTo(s3);
        assertThat(wrapped.fileSystemForScheme("s3a").get()).isSameAs(wrapped.fileSystem("s3").get());
        assertThat(wrapped.fileSystemForScheme("file")).get().isNotSameAs(local);
        assertThat(original.fileSystemForScheme("s3a")).get().isSameAs(s3);
        assertThat(wrapped.fileSystems()).hasSize(2);
    }

    @Test
    void aWrapperMustKeepNameAndSchemes() {
        Registry original = Registry.builder().register(new Factory("s3", Set.of("s3", "s3a"))).build();

        assertThatThrownBy(() -> original.withFileSystems(f -> new Factory("s4", f.schemes())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'s3'").hasMessageContaining("'s4'");
        assertThatThrownBy(() -> original.withFileSystems(f -> new Factory(f.name(), Set.of("s3"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
