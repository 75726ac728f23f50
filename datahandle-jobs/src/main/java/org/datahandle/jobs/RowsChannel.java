package org.datahandle.jobs;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The rows channel: a FIFO in the job's folder, named to the command by {@code DATAHANDLE_ROWS},
 * taking JSON Lines (one JSON object per line). A thread drains it into the event log until the job
 * ends. The channel itself holds the FIFO open for writing all along: a shell's
 * {@code echo ... > "$DATAHANDLE_ROWS"} opens and closes it every time, and were the reader to see
 * the end of file after each writer and open the FIFO again, a writer that came in between (its
 * open succeeds while the old read end is still open) would have its line discarded with the pipe.
 * A line that is not a JSON object becomes an {@link JobEvent.InvalidRow}; so does a line longer
 * than the row limit (its rest is skipped).
 */
final class RowsChannel {
    private final Path fifo;
    private final EventLogWriter log;
    private final int maxRow;
    private final Thread thread;
    /** Our own write end (opened read-write, which never blocks on Linux): no end of file before finish. */
    private final RandomAccessFile keepOpen;
    /** Run before the rows of each read are logged: lets output that arrived earlier reach the log first. */
    private volatile Runnable orderAfter = () -> {};

    private RowsChannel(Path fifo, RandomAccessFile keepOpen, EventLogWriter log, int maxRow, String jobId) {
        this.fifo = fifo;
        this.keepOpen = keepOpen;
        this.log = log;
        this.maxRow = maxRow;
        this.thread = new Thread(this::run, "datahandle-job-" + jobId + "-rows");
        this.thread.setDaemon(true);
    }

    /** Makes the FIFO and starts draining it; empty where {@code mkfifo} is not available. */
    static Optional<RowsChannel> open(Path jobDir, EventLogWriter log, int maxRow, String jobId) {
        Path fifo = jobDir.resolve("rows.fifo");
        try {
            Process p = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0 || !Files.exists(fifo)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        RandomAccessFile keepOpen;
        try {
            keepOpen = new RandomAccessFile(fifo.toFile(), "rw");
        } catch (IOException e) {
            return Optional.empty();
        }
        RowsChannel c = new RowsChannel(fifo, keepOpen, log, maxRow, jobId);
        c.thread.start();
        return Optional.of(c);
    }

    /**
     * Rows read after this call are logged only once {@code earlierOutput} returns (the job's output
     * spool has encoded what arrived before them), so the log keeps the order things arrived in.
     */
    void orderAfter(Runnable earlierOutput) {
        this.orderAfter = earlierOutput;
    }

    Path path() {
        return fifo;
    }

    private void run() {
        // opens at once (our own write end is there) and reads to the end of file, which comes only
        // once finish() has closed that end and every writer of the command has closed its own
        try (InputStream in = new FileInputStream(fifo.toFile())) {
            new LineSplitter(maxRow).drain(in, new Sink());
        } catch (IOException e) {
            log.invalidRow("", "the rows channel " + fifo + " failed: " + e.getMessage());
            log.flush();
        }
    }

    /**
     * Called once the command and its process group have ended: drains what is left and stops the
     * thread. Waits at most {@code millis}; a writer that escaped the process group and keeps the
     * FIFO open is abandoned (its rows are lost, and the log says so).
     */
    void finish(long millis) {
        try {
            keepOpen.close(); // the reader's end of file, once the command's writers are gone too
            thread.join(Math.max(1, millis));
            if (thread.isAlive()) {
                log.invalidRow("", "the rows channel was still held open by a process outside the job's process group;"
                        + " rows written after this point are lost");
                log.flush();
            }
            Files.deleteIfExists(fifo);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a FIFO left behind in the job folder holds no data
        }
    }

    /** Turns lines into row events; skips the rest of a line that was too long. */
    private final class Sink implements LineSplitter.Sink {
        private boolean skipping;

        @Override
        public void beginChunk() {
            orderAfter.run();
        }

        @Override
        public void line(byte[] bytes, int off, int len, boolean partial) {
            // new String replaces every malformed byte sequence with U+FFFD
            String text = new String(bytes, off, len, java.nio.charset.StandardCharsets.UTF_8);
            if (skipping) {
                skipping = partial;
                return;
            }
            if (partial) {
                skipping = true;
                log.invalidRow(text.substring(0, Math.min(text.length(), 1024)),
                        "a row longer than " + maxRow + " bytes; the line is skipped");
                return;
            }
            if (text.isBlank()) {
                return;
            }
            try {
                Map<String, Object> row = EventCodec.parseRow(text);
                log.row(row);
            } catch (IOException | IllegalArgumentException e) {
                String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                log.invalidRow(text.length() > 1024 ? text.substring(0, 1024) : text, why);
            }
        }

        @Override
        public void batchEnd() {
            log.flush();
        }
    }
}
