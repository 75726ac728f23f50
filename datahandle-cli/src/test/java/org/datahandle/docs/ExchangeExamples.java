package org.datahandle.docs;

// tag::imports[]
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.datahandle.Catalog;
import org.datahandle.TableStream;
import org.datahandle.exchange.ExchangeClient;
import org.datahandle.exchange.ExchangeLimits;
import org.datahandle.exchange.ExchangeServer;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.table.Table;
// end::imports[]

/** The code of docs/exchange.md; ExchangeDocsTest runs it. */
public final class ExchangeExamples {
    private ExchangeExamples() {}

    // tag::serve[]
    /** An engine serves its catalog while its steps run; Python steps get the URL and token as variables. */
    static void serve(Catalog catalog, JobRegistry jobs, Consumer<Map<String, String>> steps) {
        try (ExchangeServer server = ExchangeServer.builder(catalog)      // 127.0.0.1, a free port, a random token
                .jobs(jobs)                                              // job event streams under /v1/jobs
                .limits(ExchangeLimits.defaults().withMaxBatchBytes(256L << 20))
                .start()) {
            System.out.println("serving at " + server.url() + ", connection file "
                    + server.connectionFile().orElseThrow());           // 0600; holds the token
            Map<String, String> childEnvironment = server.environment(); // DATAHANDLE_URL, DATAHANDLE_TOKEN, ...
            steps.accept(childEnvironment);       // e.g. ProcessBuilder.environment().putAll(childEnvironment)
        }                                                                // uploads in flight publish nothing
    }
    // end::serve[]

    // tag::client[]
    /** A second JVM pushes and pulls by name. */
    static long pushAndPull(Path connectionFile, Table table) {
        ExchangeClient ds = ExchangeClient.fromConnectionFile(connectionFile); // or ExchangeClient.connect()
        ds.push("dat", table);                          // AlreadyProducedException if it is produced
        Table again = ds.pull("dat");                   // the whole table
        long rows = 0;
        try (TableStream batches = ds.stream("dat")) {  // or batch by batch, in constant memory
            while (batches.hasNext()) {
                rows += batches.next().rowCount();
            }
        }
        return again.rowCount() == rows ? rows : -1;
    }
    // end::client[]
}
