package org.datahandle.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Ends a command with everything it started. The command runs as the leader of its own process
 * group, so the group reaches even grandchildren that were re-parented (a double fork, a daemon);
 * {@link ProcessHandle#descendants()} reaches the rest. A command that starts its own session
 * escapes both; docs/jobs.md says so.
 *
 * <p>The group is made by {@code perl} ({@code setpgid(0, 0)}, then exec: the command keeps the
 * pid and stays in the engine's session), else by util-linux {@code setsid} (a new session). The
 * session matters for speed: Linux schedules each session as one group ("autogroup"), so a command
 * in a session of its own and the engine's thread that reads its pipes take turns as two groups,
 * and under load the command waits a scheduling round for every pipe-full it writes (a 1 GiB flood
 * took 3-10x as long as behind {@code cat} at load 15-22, docs/performance.md "Jobs").
 */
final class ProcessTree {
    /**
     * Puts itself in a new process group of the same session, then becomes the command (same pid).
     * The terminal's stop signals are ignored first (an ignored signal stays ignored across exec): a
     * command that reads the engine's terminal from this background group then gets an error (EIO),
     * as it would with no terminal at all, instead of being stopped until its timeout.
     */
    private static final String SETPGID = "$SIG{TTIN} = $SIG{TTOU} = 'IGNORE'; setpgrp(0, 0) or die \"datahandle: setpgid failed: $!\\n\"; "
            + "exec {$ARGV[0]} @ARGV or do { print STDERR \"datahandle: cannot run $ARGV[0]: $!\\n\"; exit 127 }";
    private static final Optional<Path> PERL = firstExecutable("/usr/bin/perl", "/bin/perl");
    private static final Optional<Path> SETSID = firstExecutable("/usr/bin/setsid", "/bin/setsid");
    private static final Optional<Path> KILL = firstExecutable("/usr/bin/kill", "/bin/kill");

    private ProcessTree() {}

    /** The command line that starts {@code command} in a new process group, when that is possible. */
    static List<String> inOwnGroup(List<String> command) {
        if (KILL.isEmpty()) {
            return command;
        }
        List<String> c = new ArrayList<>(command.size() + 4);
        if (PERL.isPresent()) {
            c.addAll(List.of(PERL.get().toString(), "-e", SETPGID, "--"));
        } else if (SETSID.isPresent()) {
            c.add(SETSID.get().toString());
        } else {
            return command;
        }
        c.addAll(command);
        return c;
    }

    /** True if the command's group stays in the engine's session (and so in its scheduling group). */
    static boolean sameSession() {
        return PERL.isPresent() && KILL.isPresent();
    }

    /** True if commands run in their own process group (pgid = pid of the command). */
    static boolean groups() {
        return (PERL.isPresent() || SETSID.isPresent()) && KILL.isPresent();
    }

    /**
     * Sends TERM to the tree, waits up to {@code grace}, then KILLs what is left. Safe to call on a
     * tree that has ended.
     */
    static void end(ProcessHandle root, boolean ownGroup, Duration grace) {
        // the tree is looked up before anything dies: an orphan is no longer a descendant
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        if (ownGroup) {
            signalGroup(root.pid(), "TERM");
        }
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && (anyAlive(tree) || ownGroup && groupAlive(root.pid()))) {
            sleep(20);
        }
        if (ownGroup) {
            signalGroup(root.pid(), "KILL");
        }
        root.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroyForcibly);
        long killDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < killDeadline && (anyAlive(tree) || ownGroup && groupAlive(root.pid()))) {
            sleep(10);
        }
    }

    /**
     * True if some process of group {@code pgid} is alive. Zombies do not count: an orphan's zombie
     * waits for whoever is process 1 to reap it, which in a container may be never. Reads
     * {@code /proc}; where there is none, asks {@code kill -0}, zombies included.
     */
    static boolean groupAlive(long pgid) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc.resolve("self"))) {
            return KILL.isPresent() && run(KILL.get().toString(), "-0", "--", "-" + pgid) == 0;
        }
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(proc)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses
                int close = stat.lastIndexOf(')');
                if (close < 0) {
                    continue;
                }
                String[] f = stat.substring(close + 2).split(" ", 4);
                if (f.length >= 3 && !f[0].equals("Z") && !f[0].equals("X") && f[2].equals(Long.toString(pgid))) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static void signalGroup(long pgid, String signal) {
        run(KILL.get().toString(), "-s", signal, "--", "-" + pgid);
    }

    private static boolean anyAlive(List<ProcessHandle> tree) {
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                return true;
            }
        }
        return false;
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first of {@code candidates} that is an executable file (the tools' usual places on Linux). */
    static Optional<Path> firstExecutable(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
