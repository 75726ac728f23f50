package org.datahandle.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.datahandle.Catalog;
import org.datahandle.jobs.Job;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.jobs.JobSpec;

/**
 * The server the Python tests start as a real subprocess:
 * {@code java -cp ... TestServerMain WORKFLOW CONNECTION_FILE SHM_DIR [KEYSTORE.p12 PASSWORD]} (with a PKCS#12
 * keystore: over HTTPS with its key). It serves the workflow's catalog with
 * the workflow's job registry, starts one job (its id written beside the connection file as {@code job-id}),
 * and stops when its standard input closes or it gets SIGTERM.
 */
public final class TestServerMain {
    private TestServerMain() {}

    public static void main(String[] args) throws IOException, InterruptedException, GeneralSecurityException {
        Path workflow = Path.of(args[0]);
        Path connection = Path.of(args[1]);
        Catalog catalog = Catalog.builder().fileSystemOption("shm.directory", args[2]).load(workflow);
        JobRegistry jobs = JobRegistry.forWorkflow(workflow);
        ExchangeServer.Builder builder = ExchangeServer.builder(catalog).connectionFile(connection.resolveSibling(
                connection.getFileName() + ".tmp")).workflow(workflow).jobs(jobs);
        if (args.length > 4) {
            builder.tls(serverTls(Path.of(args[3]), args[4].toCharArray()));
        }
        ExchangeServer server = builder.start();
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

    private static SSLContext serverTls(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl;
    }
}
