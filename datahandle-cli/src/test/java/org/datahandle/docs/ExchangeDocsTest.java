package org.datahandle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.datahandle.Catalog;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/exchange.md: its Java examples run against the workflow it shows. (Its Python example runs in pytest.) */
class ExchangeDocsTest {
    @TempDir
    Path dir;

    @Test
    void theExchangePageExamplesRunAsDocumented() throws Exception {
        Path workflow = Files.writeString(dir.resolve("workflow.yaml"), DocPages.block("exchange.md", "yaml", 1));
        Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.of("score", DataType.FLOAT64));
        Table.Builder b = Table.builder(schema);
        for (long i = 0; i < 1000; i++) {
            b.addRow(i, i / 3.0);
        }
        Table table = b.build();
        try (Catalog catalog = Catalog.load(workflow); JobRegistry jobs = JobRegistry.forWorkflow(workflow)) {
            AtomicLong rows = new AtomicLong();
            String printed = DocsSnippetsTest.captureOut(() -> ExchangeExamples.serve(catalog, jobs, env -> {
                assertThat(env).containsKeys("DATAHANDLE_URL", "DATAHANDLE_TOKEN", "DATAHANDLE_CONNECTION_FILE");
                rows.set(ExchangeExamples.pushAndPull(Path.of(env.get("DATAHANDLE_CONNECTION_FILE")), table));
            }));
            assertThat(printed).contains("serving at http://127.0.0.1:");
            assertThat(rows.get()).isEqualTo(1000);
            assertThat(catalog.get("dat").read()).isEqualTo(table);
        }
    }
}
