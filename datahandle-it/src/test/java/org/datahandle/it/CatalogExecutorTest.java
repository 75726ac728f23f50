package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.datahandle.Catalog;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One executor per catalog, which an engine may supply: a .csv.bgz read runs its parallel work there. */
class CatalogExecutorTest {
    @TempDir
    Path dir;

    private Table sample() {
        Table.Builder b = Table.builder(org.datahandle.table.Schema.of(
                org.datahandle.table.Field.of("id", org.datahandle.table.DataType.INT32),
                org.datahandle.table.Field.of("name", org.datahandle.table.DataType.STRING)));
        for (int i = 0; i < 200_000; i++) {
            b.addRow(i, "sample-" + i);
        }
        return b.build();
    }

    @Test
    void aBgzfCsvReadRunsOnTheEnginesExecutorAndLeavesItRunning() throws IOException {
        Files.writeString(dir.resolve("workflow.yaml"), "big:\n  disk:\n    path: big.csv.bgz\n");
        Table table = sample();
        try (Catalog writer = Catalog.load(dir.resolve("workflow.yaml"))) {
            writer.get("big").write(table);
        }
        assertThat(Files.size(dir.resolve("big.csv.bgz"))).as("several BGZF blocks").isGreaterThan(5 * 65_536 / 8);

        AtomicInteger tasks = new AtomicInteger();
        ExecutorService engine = Executors.newFixedThreadPool(2);
        try {
            Executor counting = task -> {
                tasks.incrementAndGet();
                engine.execute(task);
            };
            try (Catalog c = Catalog.builder().executor(counting).load(dir.resolve("workflow.yaml"))) {
                assertThat(c.get("big").read()).isEqualTo(table);
            }
            assertThat(tasks.get()).as("tasks given to the engine's executor").isPositive();
            assertThat(engine.isShutdown()).as("closing the catalog leaves the engine's executor alone").isFalse();
        } finally {
            engine.shutdownNow();
        }
    }

    @Test
    void aGzFileHoldingBgzfIsReadAsBgzfOnTheCatalogsThreads() throws IOException {
        // one column and under one CSV chunk: the CSV reader runs no task, so any task is BGZF inflation
        Table.Builder b = Table.builder(org.datahandle.table.Schema.of(
                org.datahandle.table.Field.of("id", org.datahandle.table.DataType.INT32)));
        for (int i = 0; i < 300_000; i++) {
            b.addRow(i);
        }
        Table table = b.build();
        Files.writeString(dir.resolve("workflow.yaml"),
                "bgzf:\n  disk:\n    path: x.csv.bgz\nnamedGz:\n  disk:\n    path: y.csv.gz\n");
        try (Catalog writer = Catalog.load(dir.resolve("workflow.yaml"))) {
            writer.get("bgzf").write(table);
        }
        Files.copy(dir.resolve("x.csv.bgz"), dir.resolve("y.csv.gz"));
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService engine = Executors.newFixedThreadPool(2);
        try {
            Executor counting = task -> {
                tasks.incrementAndGet();
                engine.execute(task);
            };
            try (Catalog c = Catalog.builder().executor(counting).load(dir.resolve("workflow.yaml"))) {
                assertThat(c.get("namedGz").read()).isEqualTo(table);
            }
            assertThat(tasks.get()).as("BGZF blocks inflated on the catalog's executor").isPositive();
        } finally {
            engine.shutdownNow();
        }
    }

    @Test
    void theCatalogsOwnThreadsServeReadsUntilItCloses() throws IOException {
        Files.writeString(dir.resolve("workflow.yaml"), "big:\n  disk:\n    path: big.csv.bgz\n");
        Table table = sample();
        try (Catalog c = Catalog.load(dir.resolve("workflow.yaml"))) {
            c.get("big").write(table);
            c.get("big").dropMemory();
            assertThat(c.get("big").read()).isEqualTo(table);
        }
    }

    @Test
    void theExecutorIsSetOnce() {
        Executor direct = Runnable::run;
        assertThatThrownBy(() -> Catalog.builder().executor(direct).executor(direct))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
        assertThatThrownBy(() -> Catalog.builder().executor(null)).isInstanceOf(NullPointerException.class);
    }
}
