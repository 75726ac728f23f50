package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.ExternalWrite;
import org.datahandle.spi.MemoryFormAccess;
import org.datahandle.spi.MemoryFormProvider;
import org.datahandle.spi.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory-form SPI with a toy form, so core's part is tested without Spark. */
class MemoryFormProviderTest {
    @TempDir
    Path dir;

    /** Memory form {@code shout}: the file's text upper-cased; the engine's context is a suffix. */
    static final class ShoutForm implements MemoryFormProvider {
        private final String name;

        ShoutForm(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Class<?> type() {
            return StringBuilder.class;
        }

        @Override
        public Object load(MemoryFormAccess handle) {
            try {
                URI file = handle.disk().orElseThrow().pathsForRead().get(0);
                return new StringBuilder(Files.readString(Path.of(file)).toUpperCase()
                        + handle.context(String.class).orElse(""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Object accept(Object data, MemoryFormAccess handle) {
            return new StringBuilder(data.toString());
        }

        @Override
        public void dump(Object value, MemoryFormAccess handle) {
            try (ExternalWrite w = handle.disk().orElseThrow().beginExternalWrite()) {
                Files.writeString(Path.of(w.paths().get(0)), value.toString());
                w.commit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public <T> Optional<T> convert(Object value, Class<T> type, MemoryFormAccess handle) {
            return type == String.class ? Optional.of(type.cast(value.toString())) : Optional.empty();
        }
    }

    private Catalog catalog(String yaml) {
        Registry registry = Registry.builder().discover(Catalog.class.getClassLoader()).register(new ShoutForm("shout"))
                .build();
        return Catalog.builder().registry(registry).baseDirectory(dir).memoryFormContext(String.class, "!")
                .fromYaml(yaml);
    }

    @Test
    void aModulesFormReadsAndWritesThroughTheDiskInterface() throws IOException {
        Files.writeString(dir.resolve("in.json"), "\"hello\"");
        try (Catalog c = catalog("in: {disk: {path: in.json}, memory: {format: shout}}\n"
                + "out: {disk: {path: out.json}, memory: {format: shout}}")) {
            DataHandle in = c.get("in");
            assertThat(in.spec().memory().name()).isEqualTo("shout");
            assertThat(in.spec().memory().isModuleForm()).isTrue();
            assertThat(in.read(String.class)).isEqualTo("\"HELLO\"!");
            assertThat(in.read(StringBuilder.class)).hasToString("\"HELLO\"!");
            assertThatThrownBy(in::read).hasMessageContaining("does not convert to org.datahandle.table.Table");
            c.get("out").write("\"bye\"");
            assertThat(c.get("out").state().diskProduced()).isTrue();
            assertThat(Files.readString(dir.resolve("out.json"))).isEqualTo("\"bye\"");
            assertThatThrownBy(() -> c.get("out").write("again")).hasMessageContaining("already produced");
            assertThat(c.toYaml()).contains("format: shout");
        }
    }

    /** The toy form passes the contract every memory form passes. */
    @org.junit.jupiter.api.Nested
    class Contract extends org.datahandle.testing.AbstractMemoryFormContractTest {
        @Override
        protected MemoryFormProvider form() {
            return new ShoutForm("shout");
        }

        @Override
        protected Catalog.Builder catalog() {
            return Catalog.builder().registry(Registry.builder().discover(Catalog.class.getClassLoader())
                    .register(new ShoutForm("shout")).build());
        }

        @Override
        protected String writablePath() {
            return "out.json";
        }

        @Override
        protected Object sample() {
            return "\"hello\"";
        }
    }

    @Test
    void namesAreUniqueAndNeverABuiltInFormat() {
        assertThatThrownBy(() -> Registry.builder().register(new ShoutForm("table")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("built-in");
        assertThatThrownBy(() -> Registry.builder().register(new ShoutForm("x")).register(new ShoutForm("x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("memory form 'x'")
                .hasMessageContaining(ShoutForm.class.getName());
        assertThatThrownBy(() -> Catalog.builder().memoryFormContext(String.class, "a").memoryFormContext(String.class, "b"))
                .isInstanceOf(IllegalStateException.class);
    }
}
