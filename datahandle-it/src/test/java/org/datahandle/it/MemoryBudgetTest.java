package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule 2's "or evicted under a configured memory budget". */
class MemoryBudgetTest {
    @TempDir
    Path dir;

    @Test
    void leastRecentlyUsedMemoryIsEvictedAndLoadedAgain() throws IOException {
        StringBuilder yaml = new StringBuilder();
        for (String id : new String[] {"a", "b", "c"}) {
            StringBuilder csv = new StringBuilder("id,name\n");
            for (int i = 0; i < 20_000; i++) {
                csv.append(i).append(",name-").append(id).append(i).append('\n');
            }
            Files.writeString(dir.resolve(id + ".csv"), csv);
            yaml.append(id).append(":\n  disk:\n    path: ").append(id).append(".csv\n");
        }
        Files.writeString(dir.resolve("workflow.yaml"), yaml + "scratch: {}\n");
        long oneTable;
        try (Catalog probe = Catalog.load(dir.resolve("workflow.yaml"))) {
            oneTable = probe.get("a").read().heapBytes();
        }
        // room for two tables, not three
        try (Catalog c = Catalog.builder().memoryBudget(oneTable * 5 / 2).load(dir.resolve("workflow.yaml"))) {
            DataHandle a = c.get("a");
            DataHandle b = c.get("b");
            DataHandle cc = c.get("c");
            c.get("scratch").write(java.util.List.of(java.util.Map.of("k", "v".repeat(10_000))));
            Table first = a.read();
            b.read();
            a.read(); // a is now more recently used than b
            cc.read();
            assertThat(b.state().memoryProduced()).as("b was least recently used").isFalse();
            assertThat(a.state().memoryProduced()).isTrue();
            assertThat(cc.state().memoryProduced()).isTrue();
            assertThat(c.get("scratch").state().memoryProduced()).as("temporary memory is never evicted").isTrue();
            // evicted memory comes back from disk, equal to what it was
            assertThat(b.read().rowCount()).isEqualTo(20_000);
            assertThat(a.read()).isEqualTo(first);
        }
    }

    @Test
    void evictedMemoryComesBackWithTheTypesItWasWrittenWith() throws IOException {
        // int64 of small numbers, float64 of whole numbers, text of digits: inference would pick int32, int64, int64
        java.util.List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("id", (long) i);
            row.put("weight", (double) i);
            row.put("code", String.valueOf(i));
            rows.add(row);
        }
        String yaml = "written:\n  disk:\n    path: written.csv.gz\nother:\n  disk:\n    path: other.csv\n";
        Files.writeString(dir.resolve("other.csv"), "x\n" + "abcdefgh\n".repeat(20_000));
        Files.writeString(dir.resolve("workflow.yaml"), yaml);
        long budget;
        try (Catalog probe = Catalog.load(dir.resolve("workflow.yaml"))) {
            probe.get("written").write(rows);
            budget = probe.get("other").read().heapBytes() + probe.get("written").read().heapBytes() / 2;
        }
        try (Catalog c = Catalog.builder().memoryBudget(budget).load(dir.resolve("workflow.yaml"))) {
            Table before = c.get("written").read();
            assertThat(before.schema().field("id").orElseThrow().type().typeName()).isEqualTo("int64");
            c.get("other").read(); // pushes 'written' out
            assertThat(c.get("written").state().memoryProduced()).isFalse();
            Table after = c.get("written").read();
            assertThat(after.schema()).isEqualTo(before.schema());
            assertThat(after).isEqualTo(before);
            assertThat(after.schema().field("weight").orElseThrow().type().typeName()).isEqualTo("float64");
            assertThat(after.schema().field("code").orElseThrow().type().typeName()).isEqualTo("string");
        }
    }

    @Test
    void memoryWhoseDiskIsGoneIsNeverEvicted() throws IOException {
        Files.writeString(dir.resolve("x.csv"), "id\n" + "1\n".repeat(10_000));
        Files.writeString(dir.resolve("y.csv"), "id\n" + "2\n".repeat(10_000));
        Files.writeString(dir.resolve("workflow.yaml"), "x:\n  disk:\n    path: x.csv\ny:\n  disk:\n    path: y.csv\n");
        try (Catalog c = Catalog.builder().memoryBudget(1).load(dir.resolve("workflow.yaml"))) {
            c.get("x").read();
            Files.delete(dir.resolve("x.csv"));
            c.get("y").read();
            assertThat(c.get("x").state().memoryProduced()).as("its only copy").isTrue();
            assertThat(c.get("x").read().rowCount()).isEqualTo(10_000);
        }
    }

    @Test
    void budgetMustBePositive() {
        assertThatThrownBy(() -> Catalog.builder().memoryBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
