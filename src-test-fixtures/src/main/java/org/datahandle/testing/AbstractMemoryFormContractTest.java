package org.datahandle.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.HandleState;
import org.datahandle.MemoryFormat;
import org.datahandle.NotProducedException;
import org.datahandle.spi.MemoryFormProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link MemoryFormProvider} passes, through real handles: its name is its own,
 * a write publishes the disk and holds memory, a fresh catalog reads the data back in the form's
 * type, write-once holds, an unproduced disk is not produced, and a temporary handle holds the form.
 *
 * <pre>{@code
 * class ShoutFormContractTest extends AbstractMemoryFormContractTest {
 *     protected MemoryFormProvider form() { return new ShoutForm(); }
 *     protected Catalog.Builder catalog() { return Catalog.builder().registry(...); }
 *     protected String writablePath() { return "out.json"; }
 *     protected Object sample() { return "\"hello\""; }
 * }
 * }</pre>
 */
public abstract class AbstractMemoryFormContractTest {
    @TempDir
    protected Path dir;

    /** The provider under test. */
    protected abstract MemoryFormProvider form();

    /** A builder whose registry has the form and which holds what the form needs from the engine. */
    protected abstract Catalog.Builder catalog();

    /** A disk path, relative to the test folder, that the form writes ({@code out.parquet/} for Spark). */
    protected abstract String writablePath();

    /** Data an operator writes to a handle of this form. */
    protected abstract Object sample();

    private Catalog load(String yaml) {
        return catalog().baseDirectory(dir).fromYaml(yaml);
    }

    private String handle(String id, String path) {
        return id + ": {disk: {path: '" + path + "'}, memory: {format: " + form().name() + "}}\n";
    }

    @Test
    void nameIsItsOwnAndTypeIsGiven() {
        assertThat(MemoryFormat.fromYamlName(form().name())).isEmpty();
        assertThat(form().type()).isNotNull();
    }

    @Test
    void writePublishesDiskThenAFreshCatalogReadsTheForm() {
        String yaml = handle("out", writablePath());
        try (Catalog c = load(yaml)) {
            DataHandle h = c.get("out");
            assertThat(h.spec().memory().name()).isEqualTo(form().name());
            h.write(sample());
            assertThat(h.state()).isEqualTo(new HandleState(HandleState.DiskState.PRODUCED,
                    HandleState.MemoryState.PRODUCED));
            assertThat(h.read(form().type())).isInstanceOf(form().type());
        }
        try (Catalog c = load(yaml)) {
            DataHandle h = c.get("out");
            assertThat(h.state().diskProduced()).isTrue();
            assertThat(h.disk().pathsForRead()).isNotEmpty();
            assertThat(h.read(form().type())).isInstanceOf(form().type());
            assertThat(h.state().memoryProduced()).isTrue();
        }
    }

    @Test
    void writeOnceHolds() {
        try (Catalog c = load(handle("out", writablePath()))) {
            c.get("out").write(sample());
            c.get("out").dropMemory();
            assertThatThrownBy(() -> c.get("out").write(sample())).isInstanceOf(AlreadyProducedException.class);
            c.get("out").deleteDisk();
            c.get("out").write(sample());
            assertThat(c.get("out").state().diskProduced()).isTrue();
        }
    }

    @Test
    void unproducedDiskReadsAsNotProduced() {
        try (Catalog c = load(handle("out", writablePath()))) {
            assertThatThrownBy(() -> c.get("out").read(form().type())).isInstanceOf(NotProducedException.class);
            assertThat(c.get("out").state().memoryProduced()).isFalse();
        }
    }

    @Test
    void temporaryHandleHoldsTheForm() {
        try (Catalog c = load("t: {memory: {format: " + form().name() + "}}\n")) {
            assertThatThrownBy(() -> c.get("t").read(form().type())).isInstanceOf(NotProducedException.class);
            c.get("t").write(sample());
            assertThat(c.get("t").read(form().type())).isInstanceOf(form().type());
        }
    }
}
