package org.datahandle.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.datahandle.Catalog;
import org.datahandle.jobs.Job;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.jobs.JobSpec;

/**
 * The server the Python tests start as a real subprocess:
 * {@code java -cp ... TestServerMain WORKFLOW CONNECTION_FILE SHM_DIR}. It serves the workflow's catalog with
 * the workflow's job registry, starts one job (its id written beside the connection file as {@code job-id}),
 * and stops when its standard input closes or it gets SIGTERM.
 */
public final class TestServerMain {
    private TestServerMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path workflow = Path.of(args[0]);
        Path connection = Path.of(args[1]);
        Catalog catalog = Catalog.builder().fileSystemOption("shm.directory", args[2]).load(workflow);
        JobRegistry jobs = JobRegistry.forWorkflow(workflow);
        ExchangeServer server = ExchangeServer.builder(catalog).connectionFile(connection.resolveSibling(
                connection.getFileName() + ".tmp")).workflow(workflow).jobs(jobs).start();
        Job job = jobs.start(catalog, JobSpec.command("sh", "-c",
                "echo hello; echo oops >&2; for i in 1 2 3; do echo \"{\\\"n\\\": $i, \\\"sq\\\": $((i*i))}\" >> \"$DATAHANDLE_ROWS\"; done; sleep 1; echo bye")
                .name("demo").build());
        Files.writeString(connection.resolveSibling("job-id"), job.id());
        // publish the connection file only when everything is ready
        Files.move(server.connectionFile().orElseThrow(), connection);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            jobs.close();
            catalog.close();
            stop.countDown();
        }));
        System.out.println("serving " + server.url());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin
        }
        System.exit(0);
    }
}
