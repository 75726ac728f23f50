package org.datahandle.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import picocli.CommandLine;

/** {@code java -jar datahandle-cli.jar COMMAND ...}: see {@link DataHandleCommand}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line with the process's streams and returns its exit code. */
    static int run(String... args) {
        Charset cs = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, cs), true);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, cs));
        Output output = new Output(out, err, in, System.out);
        logTo(output);
        CommandLine cli = new CommandLine(new DataHandleCommand(output), new Factory(output));
        addCommands(cli, args);
        documentExitCodes(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = cliTerms(output.pathForm ? PathCatalog.inUserTerms(message(e)) : message(e));
            err.println("datahandle: error: " + message);
            if (output.verbose || ExitCodes.of(e) == ExitCodes.FAILURE
                    && !(e instanceof org.datahandle.DataHandleException) && !(e instanceof UsageException)) {
                // not one of ours: a bug, so the stack trace is worth having
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.of(e);
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Adds the command the arguments name, or every command when they name none (help, a typo,
     * completion). The top-level options ({@code -q}, {@code -v}, {@code -h}, {@code -V}) take no
     * value, so the first argument that is not an option is the command's name. Building only that
     * command's model saves a large part of start-up: picocli reads every option of every command by
     * reflection, in classes the JDK's class data sharing cannot archive (they target Java 5).
     */
    static void addCommands(CommandLine cli, String... args) {
        String named = null;
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (!a.startsWith("-")) {
                named = a;
                break;
            }
        }
        List<String> all = List.of(args);
        if (named == null && (all.contains("-V") || all.contains("--version")) && !all.contains("-h")
                && !all.contains("--help")) {
            return; // the version needs no command
        }
        for (Class<?> type : DataHandleCommand.COMMANDS) {
            String name = type.getAnnotation(CommandLine.Command.class).name();
            if (named == null || !isOneCommand(named) || name.equals(named)) {
                cli.addSubcommand(name, type);
            }
        }
    }

    /** True for a command that works alone; help and completion describe every command. */
    private static boolean isOneCommand(String name) {
        boolean known = false;
        for (Class<?> type : DataHandleCommand.COMMANDS) {
            known |= type.getAnnotation(CommandLine.Command.class).name().equals(name);
        }
        return known && !name.equals("help") && !name.equals("generate-completion");
    }

    private static void documentExitCodes(CommandLine cli) {
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.HELP);
        for (CommandLine sub : cli.getSubcommands().values()) {
            documentExitCodes(sub);
        }
    }

    /**
     * The library logs through System.Logger, which lands in java.util.logging; its default handler
     * prints two lines per record with a date and a Java method name. A command prints one line in
     * the form of its own messages instead, about what the user named.
     */
    private static void logTo(Output output) {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (java.util.logging.Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new java.util.logging.Handler() {
            private final java.util.logging.SimpleFormatter format = new java.util.logging.SimpleFormatter();

            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (!isLoggable(record)) {
                    return;
                }
                String message = format.formatMessage(record);
                if (output.pathForm) {
                    message = PathCatalog.inUserTerms(message);
                }
                int level = record.getLevel().intValue();
                String kind = level >= java.util.logging.Level.SEVERE.intValue() ? "error"
                        : level >= java.util.logging.Level.WARNING.intValue() ? "warning"
                        : level >= java.util.logging.Level.INFO.intValue() ? "note" : "debug";
                output.err.println("datahandle: " + kind + ": " + message);
                if (output.verbose && record.getThrown() != null) {
                    record.getThrown().printStackTrace(output.err);
                }
                output.err.flush();
            }

            @Override
            public void flush() {
                output.err.flush();
            }

            @Override
            public void close() {
                flush();
            }
        });
    }

    /** The library's advice is in Java terms (a method to call); on the command line it names commands. */
    private static String cliTerms(String message) {
        return message.replace("so read() and write() are not available",
                        "so its rows cannot be read or written (head, cat, schema, convert)")
                .replace("External tools can still use disk().pathsForRead() and disk().beginExternalWrite().",
                        "External tools can still read and write its files ('datahandle run --in/--out').")
                .replace("delete it first (deleteDisk)", "delete it first ('datahandle delete')");
    }

    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        // a StorageException wraps the IOException that says what the OS refused
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !sb.toString().contains(cause.getMessage())) {
            sb.append(": ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return sb.toString();
    }

    /** Hands every command the process's streams. */
    private static final class Factory implements CommandLine.IFactory {
        private final Output output;

        Factory(Output output) {
            this.output = output;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Output.class).newInstance(output);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
