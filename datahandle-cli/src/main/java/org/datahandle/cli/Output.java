package org.datahandle.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Where a command writes: results to standard output, progress, prompts and errors to standard
 * error, answers from standard input. Tests run the real process, so these are the real streams.
 */
final class Output {
    /** Made on first use: Jackson's set-up loads hundreds of classes, which a CSV {@code head} never needs. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    final PrintWriter out;
    final PrintWriter err;
    final BufferedReader in;
    /** The bytes under {@link #out}, for data written as is ({@code convert ... -}); flush {@code out} first. */
    final OutputStream rawOut;
    /** {@code --quiet}: no progress, notes or warnings on standard error; errors still print. */
    boolean quiet;
    /** {@code --verbose}: what was inferred, and the full cause of an error, on standard error. */
    boolean verbose;
    /** True when the data was named by a path, so messages about the generated handle drop its id. */
    boolean pathForm;

    Output(PrintWriter out, PrintWriter err, BufferedReader in, OutputStream rawOut) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.rawOut = rawOut;
    }

    /** A note for the user on standard error, unless {@code --quiet}. */
    void note(String text) {
        if (!quiet) {
            err.println("datahandle: " + text);
            err.flush();
        }
    }

    /** Detail on standard error with {@code --verbose} only. */
    void detail(String text) {
        if (verbose) {
            err.println("datahandle: " + text);
            err.flush();
        }
    }

    /** Prints a value (maps, lists, strings, numbers, booleans) as one JSON document. */
    void json(Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** A byte count for people: {@code 812 B}, {@code 1.2 KiB}, {@code 3.4 MiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Lower-case name of a state enum constant: {@code NOT_PRODUCED -> not produced}. */
    static String state(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
