package org.datahandle.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;

/**
 * The exit codes of every command, documented in {@code --help} and docs/cli.md. Scripts branch on
 * them, so a code never changes meaning.
 */
final class ExitCodes {
    static final int OK = 0;
    /** Anything else: storage errors, unsupported formats, bugs. */
    static final int FAILURE = 1;
    /** Wrong command line: unknown option, missing argument, unknown handle id. */
    static final int USAGE = 2;
    /** The workflow YAML is invalid (or a path given to {@code infer} cannot be inferred). */
    static final int SPEC = 3;
    /** Data on disk does not parse: a ragged CSV row, a corrupt gzip stream. */
    static final int DATA = 4;
    /** The data asked for is not produced (missing, partial, or changed since it was published). */
    static final int NOT_PRODUCED = 5;
    /** The target of a write is already produced; delete it first. */
    static final int ALREADY_PRODUCED = 6;
    /** A deletion was not confirmed (answered no, or no answer because standard input is closed). */
    static final int NOT_CONFIRMED = 7;

    /** What {@code --help} shows under "Exit codes", for every command. */
    static final Map<String, String> HELP = help();

    private static Map<String, String> help() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(OK + "", "Success.");
        m.put(FAILURE + "", "Failure: storage error, unsupported format, anything else.");
        m.put(USAGE + "", "Usage error: bad option or argument, unknown handle.");
        m.put(SPEC + "", "Spec error: the workflow YAML is invalid.");
        m.put(DATA + "", "Data error: data on disk does not parse.");
        m.put(NOT_PRODUCED + "", "Not produced: the data asked for is not on disk.");
        m.put(ALREADY_PRODUCED + "", "Already produced: the target of a write exists; delete it first.");
        m.put(NOT_CONFIRMED + "", "Not confirmed: a deletion was declined or could not be confirmed.");
        return Collections.unmodifiableMap(m);
    }

    private ExitCodes() {}

    /**
     * The code for an exception that ended a command: a {@link DataHandleException} by its
     * {@link ErrorCode} (never by its text or class), the command line's own errors as usage errors.
     */
    static int of(Throwable e) {
        if (e instanceof UsageException) {
            return USAGE;
        }
        if (!(e instanceof DataHandleException d)) {
            return FAILURE;
        }
        return switch (d.code()) {
            case SPEC_INVALID -> SPEC;
            case DATA_FORMAT -> DATA;
            case NOT_PRODUCED -> NOT_PRODUCED;
            case ALREADY_PRODUCED, CONFLICT -> ALREADY_PRODUCED;
            case HANDLE_NOT_FOUND -> USAGE;
            case CONFIGURATION, INVALID_OPERATION, UNSUPPORTED_FORMAT, LIMIT_EXCEEDED, STORAGE, INTERNAL -> FAILURE;
        };
    }
}
