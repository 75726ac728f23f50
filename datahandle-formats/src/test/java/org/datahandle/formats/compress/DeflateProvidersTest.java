package org.datahandle.formats.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.datahandle.spi.BlockDeflater;
import org.datahandle.spi.BlockInflater;
import org.datahandle.spi.DeflateProvider;
import org.junit.jupiter.api.Test;

class DeflateProvidersTest {

    /** A provider that only has a name and an availability: the choice never makes a deflater. */
    private record Fake(String name, Optional<String> unavailableReason) implements DeflateProvider {
        @Override
        public BlockDeflater newDeflater(int level) {
            throw new AssertionError("not used");
        }

        @Override
        public BlockInflater newInflater() {
            throw new AssertionError("not used");
        }
    }

    private static final DeflateProvider JDK = new JdkDeflateProvider();
    private static final DeflateProvider FAST = new Fake("libdeflate", Optional.empty());
    private static final DeflateProvider MISSING = new Fake("libdeflate", Optional.of("libdeflate.so.0: cannot open"));

    @Test
    void autoTakesTheFasterProviderWhenItRuns() {
        assertThat(DeflateProviders.choose("auto", List.of(JDK, FAST))).isSameAs(FAST);
        assertThat(DeflateProviders.choose(" AUTO ", List.of(FAST, JDK))).isSameAs(FAST);
    }

    @Test
    void autoFallsBackToTheJdkWhenTheFasterOneCannotRun() {
        assertThat(DeflateProviders.choose("auto", List.of(JDK, MISSING))).isSameAs(JDK);
        assertThat(DeflateProviders.choose("auto", List.of(JDK))).isSameAs(JDK);
    }

    @Test
    void aNameForcesThatProvider() {
        assertThat(DeflateProviders.choose("jdk", List.of(JDK, FAST))).isSameAs(JDK);
        assertThat(DeflateProviders.choose("libdeflate", List.of(JDK, FAST))).isSameAs(FAST);
    }

    @Test
    void aForcedProviderThatCannotRunIsAnErrorWithItsReason() {
        assertThatThrownBy(() -> DeflateProviders.choose("libdeflate", List.of(JDK, MISSING)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("datahandle.deflate=libdeflate, but libdeflate cannot run here: libdeflate.so.0: cannot open");
    }

    @Test
    void anUnknownNameListsTheProvidersFound() {
        assertThatThrownBy(() -> DeflateProviders.choose("libdeflate", List.of(JDK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("datahandle.deflate=libdeflate names no deflate provider; found: jdk (or auto);"
                        + " libdeflate is in the artifact datahandle-libdeflate");
        assertThatThrownBy(() -> DeflateProviders.choose("zlib-ng", List.of(JDK, FAST)))
                .hasMessage("datahandle.deflate=zlib-ng names no deflate provider; found: jdk, libdeflate (or auto)");
    }

    @Test
    void twoProvidersOfOneNameAreAnErrorNamingBoth() {
        assertThatThrownBy(() -> DeflateProviders.choose("auto", List.of(JDK, FAST, MISSING)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two deflate providers are named 'libdeflate'")
                .hasMessageContaining(Fake.class.getName());
    }

    @Test
    void autoRefusesToPickBetweenTwoFasterProviders() {
        DeflateProvider other = new Fake("isal", Optional.empty());
        assertThatThrownBy(() -> DeflateProviders.choose("auto", List.of(JDK, FAST, other)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("several deflate providers can run here (libdeflate, isal); choose one with -Ddatahandle.deflate=NAME");
    }

    @Test
    void discoveryFindsTheJdkProviderThroughItsServicesFile() {
        assertThat(DeflateProviders.discover()).extracting(DeflateProvider::name).containsExactly("jdk");
        assertThat(DeflateProviders.selected().name()).isEqualTo("jdk");
    }
}
