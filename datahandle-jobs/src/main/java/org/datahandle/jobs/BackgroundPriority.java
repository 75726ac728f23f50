package org.datahandle.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the CPU priority of the calling thread alone (Linux: {@code renice} on the thread's own id,
 * which {@code /proc/thread-self} names). The spool's encoder calls it: with a spare core the
 * encoder still runs at full speed, but when the job's child, the pumps reading its pipes and the
 * encoder compete for the engine's share of the CPU, the child and the pumps go first and the
 * encoder catches up later. Where this is not possible (no {@code /proc}, no {@code renice}) the
 * thread keeps its priority; nothing else changes.
 */
final class BackgroundPriority {
    /** The niceness asked for: the lowest priority an unprivileged thread can give itself. */
    static final int NICE = 19;
    private static final Optional<Path> RENICE = ProcessTree.firstExecutable("/usr/bin/renice", "/bin/renice");

    private BackgroundPriority() {}

    /** Lowers the calling thread's priority; true if it was lowered. Takes a few milliseconds (a process is run). */
    static boolean lowerCurrentThread() {
        Optional<Long> tid = currentThreadId();
        if (tid.isEmpty() || RENICE.isEmpty()) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(RENICE.get().toString(), "-n", Integer.toString(NICE), "-p", Long.toString(tid.get()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The kernel's id of the calling thread, where /proc says it. */
    static Optional<Long> currentThreadId() {
        try {
            // "/proc/thread-self" -> "<pid>/task/<tid>"
            String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            return Optional.of(Long.parseLong(link));
        } catch (java.io.IOException | UnsupportedOperationException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The niceness of thread {@code tid} of this process, read from /proc (for tests). */
    static Optional<Integer> niceOf(long tid) {
        try {
            String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
            // pid (comm) state ppid ... : nice is field 19, the 17th after the ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Integer.parseInt(f[16]));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
