package org.datahandle.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.datahandle.Catalog;
import org.datahandle.exchange.ExchangeServer;
import org.datahandle.jobs.JobRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle serve WORKFLOW}: the exchange server over a workflow's catalog, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a workflow's handles by name (Arrow IPC over HTTP, docs/exchange.md) until Ctrl-C.",
            "Prints the URL and the connection file (mode 0600) that holds the token; the token itself is never "
                    + "printed. Python: import datahandle as dh; ds = dh.connect().",
            "On Ctrl-C, uploads in flight are cut off and publish nothing, and the connection file is removed."})
final class ServeCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow YAML file.")
    private Path workflow;

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            description = "Address to listen on (default ${DEFAULT-VALUE}: loopback, a free port). "
                    + "A non-loopback address requires --tls-keystore.")
    private String bind;

    @Option(names = "--declared-only", description = "Refuse pushes to names the workflow does not declare "
            + "(by default they become temporary handles).")
    private boolean declaredOnly;

    @Option(names = "--connection-file", paramLabel = "FILE",
            description = "Where to write the connection file (default: $XDG_RUNTIME_DIR/datahandle/ or "
                    + "~/.local/share/datahandle/runtime/).")
    private Path connectionFile;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS with this PKCS#12 key store; its password is read from the "
                    + "environment variable DATAHANDLE_TLS_PASSWORD.")
    private Path keystore;

    ServeCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        Catalog catalog = Catalog.load(workflow);
        JobRegistry jobs = JobRegistry.forWorkflow(workflow);
        ExchangeServer server;
        try {
            ExchangeServer.Builder b = ExchangeServer.builder(catalog).bind(bind).declaredOnly(declaredOnly)
                    .jobs(jobs).workflow(workflow);
            if (connectionFile != null) {
                b.connectionFile(connectionFile);
            }
            if (keystore != null) {
                b.tls(sslContext(keystore));
            }
            server = b.start();
        } catch (IllegalStateException | IllegalArgumentException e) {
            jobs.close();
            catalog.close();
            throw new UsageException(e.getMessage());
        } catch (RuntimeException e) {
            jobs.close();
            catalog.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            jobs.close();
            catalog.close();
            output.out.println("stopped");
            output.out.flush();
            stopped.countDown();
        }, "datahandle-serve-shutdown"));
        output.out.println("serving " + workflow.toAbsolutePath().normalize() + " at " + server.url());
        output.out.println("connection file: " + server.connectionFile().map(Path::toString).orElse("(none)"));
        output.out.println("press Ctrl-C to stop");
        output.out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private static SSLContext sslContext(Path file) throws IOException, GeneralSecurityException {
        String password = System.getenv("DATAHANDLE_TLS_PASSWORD");
        if (password == null) {
            throw new UsageException("--tls-keystore needs the key store's password in DATAHANDLE_TLS_PASSWORD");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
