package org.datahandle.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.datahandle.Catalog;

/** A catalog in a temp folder with one produced CSV input and two unproduced outputs. */
final class JobFixture {
    static final String YAML = """
            samples: {disk: {path: in/samples.csv}}
            sorted: {disk: {path: out/sorted.csv}}
            counts: {disk: {path: out/counts.tsv}}
            missing: {disk: {path: in/not-there.csv}}
            scratch: {}
            """;

    private JobFixture() {}

    static Catalog catalog(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/samples.csv"), "id,depth\nb,20\na,10\nc,30\n");
        return Catalog.fromYaml(YAML, dir);
    }

    /** Reads every event from 0 until the terminal status. */
    static List<JobEvent> readAll(JobLog log) {
        List<JobEvent> events = new ArrayList<>();
        try (EventCursor c = log.cursor(0)) {
            while (!c.ended()) {
                Optional<JobEvent> e = c.next(Duration.ofSeconds(30));
                if (e.isEmpty() && !c.ended()) {
                    throw new AssertionError("no event within 30 s, got so far: " + events);
                }
                e.ifPresent(events::add);
            }
        }
        return events;
    }

    static List<String> lines(List<JobEvent> events, JobStream stream) {
        List<String> lines = new ArrayList<>();
        for (JobEvent e : events) {
            if (e instanceof JobEvent.Output o && o.stream() == stream) {
                lines.add(o.text());
            }
        }
        return lines;
    }

    static List<JobState> states(List<JobEvent> events) {
        List<JobState> states = new ArrayList<>();
        for (JobEvent e : events) {
            if (e instanceof JobEvent.Status s) {
                states.add(s.status().state());
            }
        }
        return states;
    }

    /** True if process {@code pid} exists and is not a zombie (Linux /proc). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return !state.equals("Z") && !state.equals("X");
        } catch (IOException e) {
            return false;
        }
    }
}
