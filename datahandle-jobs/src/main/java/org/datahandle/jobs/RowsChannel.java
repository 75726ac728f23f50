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
 * taking JSON Lines (one JSON object per line). A thread drains it into the event log, reopening
 * after each writer closes (a shell's {@code echo ... > "$DATAHANDLE_ROWS"} opens and closes it
 * every time), until the job ends. A line that is not a JSON object becomes an
 * {@link JobEvent.InvalidRow}; so does a line longer than the row limit (its rest is skipped).
 */
final class RowsChannel {
    private final Path fifo;
    private final EventLogWriter log;
    private final int maxRow;
    private final Thread thread;
    private volatile boolean finishing;
    /** Run before the rows of each read are logged: lets output that arrived earlier reach the log first. */
    private volatile Runnable orderAfter = () -> {};

    private RowsChannel(Path fifo, EventLogWriter log, int maxRow, String jobId) {
        this.fifo = fifo;
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
        RowsChannel c = new RowsChannel(fifo, log, maxRow, jobId);
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
        LineSplitter splitter = new LineSplitter(maxRow);
        Sink sink = new Sink();
        while (!finishing) {
            // blocks until a writer opens the FIFO (or finish() opens it to wake us)
            try (InputStream in = new FileInputStream(fifo.toFile())) {
                splitter.drain(in, sink);
            } catch (IOException e) {
                log.invalidRow("", "the rows channel " + fifo + " failed: " + e.getMessage());
                log.flush();
                return;
            }
        }
    }

    /**
     * Called once the command and its process group have ended: drains what is left and stops the
     * thread. Waits at most {@code millis}; a writer that escaped the process group and keeps the
     * FIFO open is abandoned (its rows are lost, and the log says so).
     */
    void finish(long millis) {
        finishing = true;
        long deadline = System.currentTimeMillis() + millis;
        try {
            while (thread.isAlive() && System.currentTimeMillis() < deadline) {
                // opening read-write never blocks on Linux and wakes a reader blocked in open();
                // closing it again gives that reader its end of file
                RandomAccessFile wake = null;
                try {
                    wake = new RandomAccessFile(fifo.toFile(), "rw");
                } catch (IOException e) {
                    // the FIFO is gone: the reader has nothing to wait for
                }
                thread.join(50);
                if (wake != null) {
                    wake.close();
                }
            }
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
