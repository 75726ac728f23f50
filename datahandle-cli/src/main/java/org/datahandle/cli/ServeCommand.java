package org.datahandle.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.datahandle.Catalog;
import org.datahandle.exchange.ExchangeServer;
import org.datahandle.jobs.JobRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code datahandle serve WORKFLOW} or {@code serve PATH...}: the exchange server over a workflow's
 * catalog, or over paths each served as a handle named after its file, until Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a workflow's handles by name (Arrow IPC over HTTP, docs/exchange.md) until Ctrl-C.",
            "Prints the URL and the connection file (mode 0600) that holds the token; the token itself is never "
                    + "printed. Python: import datahandle as dh; ds = dh.connect().",
            "On Ctrl-C, uploads in flight are cut off and publish nothing, and the connection file is removed.",
            "Without a workflow, each path or glob is served as one handle named after its file (calls.csv.gz as "
                    + "'calls'), with the same inference and flags as 'datahandle head PATH'; jobs are not served."})
final class ServeCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(arity = "1..*", paramLabel = "DATA",
            description = "The workflow YAML file, or paths and globs (each one handle, named after its file).")
    private List<String> data;

    @Mixin
    private SourceOptions flags;

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
        Path workflow = null;
        Catalog catalog;
        JobRegistry jobs = null;
        String served;
        if (DataSource.isWorkflowForm(data)) {
            if (data.size() > 1) {
                throw new UsageException("serve serves a whole workflow: give only " + data.get(0) + ", not also "
                        + String.join(" ", data.subList(1, data.size())));
            }
            DataSource.refuseFlags(flags, data.get(0));
            workflow = Path.of(data.get(0));
            catalog = Catalog.load(workflow);
            served = workflow.toAbsolutePath().normalize().toString();
        } else {
            DataSource.refuseStandardInput("serve", data);
            PathHandles handles = PathHandles.of(data, List.of(), flags, output);
            catalog = handles.catalog();
            List<String> named = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                named.add(data.get(i) + " as '" + handles.inputIds().get(i) + "'");
            }
            served = String.join(", ", named);
        }
        ExchangeServer server;
        try {
            ExchangeServer.Builder b = ExchangeServer.builder(catalog).bind(bind).declaredOnly(declaredOnly);
            if (workflow != null) {
                jobs = JobRegistry.forWorkflow(workflow);
                b.jobs(jobs).workflow(workflow);
            }
            if (connectionFile != null) {
                b.connectionFile(connectionFile);
            }
            if (keystore != null) {
                b.tls(sslContext(keystore));
            }
            server = b.start();
        } catch (IllegalStateException | IllegalArgumentException e) {
            closeAll(jobs, catalog);
            throw new UsageException(e.getMessage());
        } catch (RuntimeException e) {
            closeAll(jobs, catalog);
            throw e;
        }
        JobRegistry servedJobs = jobs;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            closeAll(servedJobs, catalog);
            output.out.println("stopped");
            output.out.flush();
            stopped.countDown();
        }, "datahandle-serve-shutdown"));
        output.out.println("serving " + served + " at " + server.url());
        output.out.println("connection file: " + server.connectionFile().map(Path::toString).orElse("(none)"));
        output.out.println("press Ctrl-C to stop");
        output.out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private static void closeAll(JobRegistry jobs, Catalog catalog) {
        if (jobs != null) {
            jobs.close();
        }
        catalog.close();
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
