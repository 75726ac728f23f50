package org.datahandle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.datahandle.Catalog;
import org.datahandle.jobs.EventCursor;
import org.datahandle.jobs.Job;
import org.datahandle.jobs.JobEvent;
import org.datahandle.jobs.JobLog;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.jobs.JobSpec;
import org.datahandle.jobs.JobState;
import org.datahandle.jobs.JobStream;

/**
 * The jobs benchmark (docs/performance.md, "Jobs"): how soon a line a child prints reaches a
 * following reader, and how fast a child that floods stdout runs as a job with no reader, against
 * the same child writing to /dev/null. Run with {@code exec:exec@jobs}; never a test.
 */
public final class JobsBench {
    private static final String LINE = "The quick brown fox jumps over the lazy dog 0123456789 abcdefghijklmnopqrstuv";

    private JobsBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(arg(args, "work", "target/jobs-bench")).toAbsolutePath();
        long bytes = Long.parseLong(arg(args, "bytes", Long.toString(1L << 30)));
        int iterations = Integer.parseInt(arg(args, "iterations", "3"));
        int lines = Integer.parseInt(arg(args, "lines", "2000"));
        Files.createDirectories(work);
        List<String> report = new ArrayList<>();
        report.add("| case | result |");
        report.add("|---|---|");
        try (Catalog catalog = Catalog.fromYaml("scratch: {}\n", work); JobRegistry jobs = JobRegistry.open(work.resolve("jobs"))) {
            latency(catalog, jobs, lines, report);
            flood(catalog, jobs, bytes, iterations, report);
        }
        String table = String.join("\n", report) + "\n";
        System.out.println(table);
        Files.writeString(work.resolve("results-jobs.md"), table);
    }

    /** A child prints its clock every 5 ms, unbuffered; two readers follow: one in this process, one as another process would. */
    private static void latency(Catalog catalog, JobRegistry jobs, int lines, List<String> report) throws Exception {
        String py = "import time, sys\nfor i in range(" + lines + "):\n    print(time.time_ns(), flush=True)\n    time.sleep(0.005)\n";
        Job job = jobs.start(catalog, JobSpec.command("python3", "-u", "-c", py).build());
        List<Long> inProcess = Collections.synchronizedList(new ArrayList<>());
        List<Long> otherProcess = Collections.synchronizedList(new ArrayList<>());
        Thread a = follower(job, inProcess);
        Thread b = follower(JobRegistry.open(jobs.directory()).log(job.id()), otherProcess);
        a.join();
        b.join();
        if (job.await().state() != JobState.SUCCEEDED) {
            throw new IllegalStateException("latency child failed: " + job.status());
        }
        report.add("| line latency, reader in the engine's process (" + inProcess.size() + " lines) | " + percentiles(inProcess) + " |");
        report.add("| line latency, reader polling the files as another process does (" + otherProcess.size() + " lines) | "
                + percentiles(otherProcess) + " |");
    }

    private static Thread follower(JobLog log, List<Long> latenciesMicros) {
        Thread t = new Thread(() -> {
            try (EventCursor c = log.cursor(0, EnumSet.of(JobStream.STDOUT))) {
                while (!c.ended()) {
                    Optional<JobEvent> e = c.next(Duration.ofSeconds(5));
                    if (e.isPresent() && e.get() instanceof JobEvent.Output o) {
                        Instant now = Instant.now();
                        long sent = Long.parseLong(o.text().trim());
                        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                        latenciesMicros.add((nowNanos - sent) / 1000);
                    }
                }
            }
        });
        t.start();
        return t;
    }

    /**
     * A child writes {@code bytes} of 80-byte lines: as a job with no reader, and to /dev/null. The
     * child's time is from the start until it has ended (it stamps the clock into a file then, in both
     * cases); the job's time runs until the job's terminal status, every line encoded.
     */
    private static void flood(Catalog catalog, JobRegistry jobs, long bytes, int iterations, List<String> report) throws Exception {
        String child = "yes '" + LINE + "' | head -c " + bytes;
        Path stamp = jobs.directory().resolveSibling("flood-ended");
        String stampIt = "; date +%s%N > '" + stamp + "'";
        long bestChild = Long.MAX_VALUE;
        long bestJob = Long.MAX_VALUE;
        long bestNull = Long.MAX_VALUE;
        long bestCat = Long.MAX_VALUE;
        long bestFile = Long.MAX_VALUE;
        long peakHeap = 0;
        long bestJobCpu = 0;
        long[] bestThreads = new long[2];
        HeapPeak heap = new HeapPeak();
        for (int i = 0; i < iterations + 1; i++) { // the first round warms up
            long t0 = epochNanos();
            Process p = new ProcessBuilder("sh", "-c", child + " > /dev/null" + stampIt).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("baseline failed");
            }
            long nullNanos = ended(stamp) - t0;

            // the floor of any reader of the pipe: the same child into `cat > file` (what the job's pump costs at best)
            Path catFile = jobs.directory().resolveSibling("flood-cat");
            t0 = epochNanos();
            p = new ProcessBuilder("sh", "-c", child + " | cat > '" + catFile + "'" + stampIt).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("cat baseline failed");
            }
            long catNanos = ended(stamp) - t0;
            Files.deleteIfExists(catFile);

            // the floor of keeping the output at all: the child writing straight into a file, no pipe, no reader
            t0 = epochNanos();
            p = new ProcessBuilder("sh", "-c", child + " > '" + catFile + "'" + stampIt).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("file baseline failed");
            }
            long fileNanos = ended(stamp) - t0;
            Files.deleteIfExists(catFile);

            heap.reset();
            long cpu0 = cpuNanos();
            ThreadCpu threads = new ThreadCpu();
            t0 = epochNanos();
            long n0 = System.nanoTime();
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", child + stampIt).build());
            if (job.await().state() != JobState.SUCCEEDED) {
                throw new IllegalStateException("flood child failed: " + job.status());
            }
            long jobNanos = System.nanoTime() - n0;
            long childNanos = ended(stamp) - t0;
            long cpu = cpuNanos() - cpu0;
            long[] threadCpu = threads.stop();
            if (i > 0) {
                bestNull = Math.min(bestNull, nullNanos);
                bestCat = Math.min(bestCat, catNanos);
                bestFile = Math.min(bestFile, fileNanos);
                if (childNanos < bestChild) {
                    bestJobCpu = cpu;
                    bestThreads = threadCpu;
                    bestJob = jobNanos;
                }
                bestChild = Math.min(bestChild, childNanos);
                peakHeap = Math.max(peakHeap, heap.peakBytes());
            }
            deleteJob(jobs.directory().resolve(job.id()));
        }
        double mb = bytes / 1e6;
        report.add(String.format(Locale.ROOT, "| %.0f MB of 80-byte lines to /dev/null (best of %d) | %.2f s, %.0f MB/s |",
                mb, iterations, bestNull / 1e9, mb / (bestNull / 1e9)));
        report.add(String.format(Locale.ROOT, "| same, straight into a file (`> file`, no pipe; best of %d) | %.2f s, %.2f× the /dev/null time |",
                iterations, bestFile / 1e9, (double) bestFile / bestNull));
        report.add(String.format(Locale.ROOT, "| same, piped into `cat > file` (best of %d) | %.2f s, %.2f× the /dev/null time |",
                iterations, bestCat / 1e9, (double) bestCat / bestNull));
        report.add(String.format(Locale.ROOT, "| same, as a job with no reader (best of %d): the child | %.2f s, %.0f MB/s, **%.2f×** the /dev/null time, %.2f× the `cat > file` time |",
                iterations, bestChild / 1e9, mb / (bestChild / 1e9), (double) bestChild / bestNull, (double) bestChild / bestCat));
        report.add(String.format(Locale.ROOT, "| same: the whole job (every line encoded, terminal status) | %.2f s, %.2f× the /dev/null time; the engine's JVM used %.2f s of CPU (pumps %.2f s, encoder %.2f s); peak heap %d MB (-Xmx256m) |",
                bestJob / 1e9, (double) bestJob / bestNull, bestJobCpu / 1e9, bestThreads[0] / 1e9, bestThreads[1] / 1e9, peakHeap >> 20));
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static long ended(Path stamp) throws IOException {
        long t = Long.parseLong(Files.readString(stamp).trim());
        Files.delete(stamp);
        return t;
    }

    /** Samples the CPU time of the job's pump threads (-stdout, -stderr) and its encoder every 20 ms until stopped. */
    private static final class ThreadCpu {
        private final java.util.Map<Long, long[]> last = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean running = true;
        private final Thread sampler = new Thread(this::sample, "bench-thread-cpu");

        ThreadCpu() {
            sampler.setDaemon(true);
            sampler.start();
        }

        private void sample() {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            while (running) {
                for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                    if (t == null) {
                        continue;
                    }
                    String name = t.getThreadName();
                    int kind = name.endsWith("-stdout") || name.endsWith("-stderr") ? 0 : name.endsWith("-encoder") ? 1 : -1;
                    long cpu = kind < 0 ? -1 : mx.getThreadCpuTime(t.getThreadId());
                    if (cpu >= 0) {
                        last.put(t.getThreadId(), new long[] {kind, cpu});
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** {pump CPU, encoder CPU} in ns, as last sampled (a thread's last 20 ms may be missing). */
        long[] stop() throws InterruptedException {
            running = false;
            sampler.join();
            long[] sums = new long[2];
            for (long[] v : last.values()) {
                sums[(int) v[0]] += v[1];
            }
            return sums;
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String percentiles(List<Long> micros) {
        List<Long> s = new ArrayList<>(micros);
        Collections.sort(s);
        if (s.isEmpty()) {
            return "no lines";
        }
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms", s.get(s.size() / 2) / 1000.0,
                s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.99) - 1)) / 1000.0, s.get(s.size() - 1) / 1000.0);
    }

    private static void deleteJob(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=") && a.length() > name.length() + 3 && !a.contains("${")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
