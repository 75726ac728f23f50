package org.datahandle.jobs;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a job runs: a command line, the handles it reads and writes, its environment and limits.
 *
 * <p>An argument may name handle paths with placeholders, replaced when the job starts:
 * {@code {in:ID}} / {@code {out:ID}} become the paths of input / output {@code ID} (one argument
 * per path when the placeholder is the whole argument), and {@code {in}} / {@code {out}} stand for
 * the only input / output. The same paths are in the environment (docs/jobs.md, "The command's
 * environment").
 *
 * @param command the program and its arguments; the program is looked up on {@code PATH}
 * @param inputs ids of the handles the command reads (resolved with {@code pathsForRead})
 * @param outputs ids of the handles the command writes (staged with {@code beginExternalWrite})
 * @param environment variables added to the engine's environment for the command
 * @param timeout how long the command may run before its process tree is ended
 * @param workingDirectory where the command runs (default: the engine's working directory)
 * @param name a label for people, shown by {@code datahandle jobs}
 */
public record JobSpec(
        List<String> command,
        List<String> inputs,
        List<String> outputs,
        Map<String, String> environment,
        Optional<Duration> timeout,
        Optional<Path> workingDirectory,
        Optional<String> name) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(in|out)(?::([^{}]+))?}");

    public JobSpec {
        command = List.copyOf(requireNonNull(command, "command is null"));
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
        outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(timeout, "timeout is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        requireNonNull(name, "name is null");
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("a job needs a command to run");
        }
        if (new LinkedHashSet<>(inputs).size() != inputs.size() || new LinkedHashSet<>(outputs).size() != outputs.size()) {
            throw new IllegalArgumentException("a handle is named twice among inputs " + inputs + " or outputs " + outputs);
        }
        for (String out : outputs) {
            if (inputs.contains(out)) {
                throw new IllegalArgumentException("handle '" + out + "' is both an input and an output of the job");
            }
        }
        timeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("a timeout must be positive, got " + t);
            }
        });
        for (String arg : command) {
            Matcher m = PLACEHOLDER.matcher(arg);
            while (m.find()) {
                placeholderHandle(m, inputs, outputs);
            }
        }
    }

    /** A builder for the command {@code program args...}. */
    public static Builder command(String... command) {
        return new Builder(List.of(command));
    }

    /** A builder for the command line {@code command}. */
    public static Builder command(List<String> command) {
        return new Builder(command);
    }

    /**
     * The command line with placeholders replaced by {@code paths} (handle id → the paths as the
     * command sees them).
     */
    List<String> expand(Map<String, List<String>> inputPaths, Map<String, List<String>> outputPaths) {
        List<String> argv = new ArrayList<>();
        for (String arg : command) {
            Matcher m = PLACEHOLDER.matcher(arg);
            if (m.matches()) {
                String id = placeholderHandle(m, inputs, outputs);
                argv.addAll((m.group(1).equals("in") ? inputPaths : outputPaths).get(id));
                continue;
            }
            StringBuilder sb = new StringBuilder();
            m.reset();
            while (m.find()) {
                String id = placeholderHandle(m, inputs, outputs);
                List<String> paths = (m.group(1).equals("in") ? inputPaths : outputPaths).get(id);
                if (paths.size() != 1) {
                    throw new IllegalArgumentException("placeholder " + m.group() + " in argument '" + arg + "' stands for "
                            + paths.size() + " paths of handle '" + id + "'; make it a whole argument to get one argument per path");
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(paths.get(0)));
            }
            m.appendTail(sb);
            argv.add(sb.toString());
        }
        return argv;
    }

    private static String placeholderHandle(Matcher m, List<String> inputs, List<String> outputs) {
        boolean in = m.group(1).equals("in");
        List<String> declared = in ? inputs : outputs;
        String id = m.group(2);
        if (id == null) {
            if (declared.size() != 1) {
                throw new IllegalArgumentException("placeholder {" + m.group(1) + "} needs exactly one " + (in ? "input" : "output")
                        + ", the job has " + declared + "; write {" + m.group(1) + ":ID}");
            }
            return declared.get(0);
        }
        if (!declared.contains(id)) {
            throw new IllegalArgumentException("placeholder " + m.group() + " names handle '" + id + "', which is not an "
                    + (in ? "input" : "output") + " of the job (" + (in ? "inputs " : "outputs ") + declared + ")");
        }
        return id;
    }

    /** Builds a {@link JobSpec}; each setter checks its argument at once. */
    public static final class Builder {
        private final List<String> command;
        private final List<String> inputs = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration timeout;
        private Path workingDirectory;
        private String name;

        private Builder(List<String> command) {
            this.command = List.copyOf(requireNonNull(command, "command is null"));
        }

        /** Adds input handles: the job does not start unless each is produced. */
        public Builder inputs(String... ids) {
            for (String id : ids) {
                inputs.add(requireNonNull(id, "input id is null"));
            }
            return this;
        }

        /** Adds output handles: published only if the command exits 0 and writes each of them. */
        public Builder outputs(String... ids) {
            for (String id : ids) {
                outputs.add(requireNonNull(id, "output id is null"));
            }
            return this;
        }

        /** Adds an environment variable for the command. */
        public Builder environment(String key, String value) {
            environment.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        /** Ends the job (state timedOut) if the command runs longer. */
        public Builder timeout(Duration timeout) {
            this.timeout = requireNonNull(timeout, "timeout is null");
            return this;
        }

        /** Where the command runs. */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = requireNonNull(directory, "directory is null");
            return this;
        }

        /** A label for people. */
        public Builder name(String name) {
            this.name = requireNonNull(name, "name is null");
            return this;
        }

        /**
         * The spec.
         *
         * @throws IllegalArgumentException if a placeholder names no declared handle, or a handle
         *     is both input and output
         */
        public JobSpec build() {
            return new JobSpec(command, inputs, outputs, environment, Optional.ofNullable(timeout),
                    Optional.ofNullable(workingDirectory), Optional.ofNullable(name));
        }
    }
}
