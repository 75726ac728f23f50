package org.datahandle.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Command;

/** The top-level {@code datahandle} command: only subcommands and help. */
@Command(name = "datahandle",
        mixinStandardHelpOptions = true,
        versionProvider = DataHandleCommand.Version.class,
        description = "Look at and manage the data handles of a DataHandle workflow YAML.",
        footer = {"%nRun 'datahandle COMMAND --help' for a command's options. Docs: docs/cli.md"})
final class DataHandleCommand implements Runnable {
    /**
     * The commands, in the order of the help. Not in {@code @Command(subcommands = ...)}: picocli
     * would build every command's model by reflection on each start, and a one-second command
     * needs only its own (see {@link Main#addCommands}).
     */
    static final List<Class<?>> COMMANDS = List.of(
            ValidateCommand.class, StatusCommand.class, InferCommand.class, HeadCommand.class,
            SchemaCommand.class, ConvertCommand.class, DeleteCommand.class, VerifyCommand.class, LocateCommand.class,
            JsonSchemaCommand.class, RunCommand.class, JobsCommand.class, ServeCommand.class,
            CatCommand.class, picocli.AutoComplete.GenerateCompletion.class,
            picocli.CommandLine.HelpCommand.class);

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    private final Output output;

    DataHandleCommand(Output output) {
        this.output = output;
    }

    // INHERIT: accepted before or after the command name, by every command
    @picocli.CommandLine.Option(names = {"-q", "--quiet"}, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Print no progress, notes or warnings on standard error; errors still print.")
    void quiet(boolean quiet) {
        output.quiet = quiet;
        if (quiet) {
            // the library's System.Logger warnings go to java.util.logging, which prints them on stderr
            LIBRARY_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("org.datahandle");

    @picocli.CommandLine.Option(names = {"-v", "--verbose"}, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Print what was inferred for a path, and the full cause of an error (stack trace).")
    void verbose(boolean verbose) {
        output.verbose = verbose;
        if (verbose) {
            LIBRARY_LOG.setLevel(java.util.logging.Level.FINE);
            for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
                h.setLevel(java.util.logging.Level.FINE);
            }
        }
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The version the build wrote into the jar. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = DataHandleCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"datahandle " + p.getProperty("version", "(unknown version)")};
        }
    }
}
