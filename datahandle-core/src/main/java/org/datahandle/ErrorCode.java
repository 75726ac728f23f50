package org.datahandle;

/**
 * What kind of failure a {@link DataHandleException} is, as a value a program can branch on: an
 * exchange server maps it to a protocol status, an engine decides retry versus fail, the command
 * line maps it to an exit code. The codes are few on purpose; the message and the other fields of
 * the exception say the rest.
 *
 * <p>Each code belongs to one exception class, so that {@code catch} clauses and code checks agree:
 * a {@link NotProducedException} always has {@link #NOT_PRODUCED}, and so on. The codes that have no
 * class of their own ({@link #CONFIGURATION}, {@link #INVALID_OPERATION}, {@link #LIMIT_EXCEEDED},
 * {@link #INTERNAL}) are carried by {@link DataHandleException} itself. docs/errors.md lists them
 * with the CLI exit code of each.
 *
 * <p>A code never changes meaning once released; new codes may be added, so a {@code switch} over
 * them needs a default branch.
 */
public enum ErrorCode {
    /** The workflow spec is invalid ({@link SpecException}): fix the YAML; retrying cannot help. */
    SPEC_INVALID(false),
    /**
     * The library is set up wrongly: a builder option no provider understands, a provider that
     * cannot be loaded, no providers on the class path, an unreadable Hadoop configuration.
     */
    CONFIGURATION(false),
    /** No handle of that id in the catalog ({@link HandleNotFoundException}); the message suggests the nearest. */
    HANDLE_NOT_FOUND(false),
    /**
     * The call does not fit the handle as declared: streaming to a temporary handle, writing to a
     * wildcard path, data that does not match the handle's partitioning. The caller must change.
     */
    INVALID_OPERATION(false),
    /** The data asked for is not produced ({@link NotProducedException}): missing, partial, or changed since published. */
    NOT_PRODUCED(false),
    /** The target of a write is already produced ({@link AlreadyProducedException}); delete it first. */
    ALREADY_PRODUCED(false),
    /**
     * Another writer (thread or process) is producing the handle right now
     * ({@link AlreadyProducedException}): this write lost. Retrying later may find the data produced.
     */
    CONFLICT(true),
    /**
     * A format, compression, file system or memory conversion that no registered provider supports
     * ({@link UnsupportedFormatException}); the message names the artifact that would provide it.
     */
    UNSUPPORTED_FORMAT(false),
    /** Data on disk does not match its format ({@link DataFormatException}): a ragged row, a truncated stream. */
    DATA_FORMAT(false),
    /** A configured limit was reached (a memory budget, a size cap on input): the data is too large for the settings. */
    LIMIT_EXCEEDED(false),
    /**
     * The storage failed ({@link StorageException}): permissions, a full disk, a lost connection.
     * The data may be fine; retrying may succeed.
     */
    STORAGE(true),
    /** A bug in DataHandle or in a provider, or an error raised without a code; report it. */
    INTERNAL(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /**
     * Whether the same call, retried later unchanged, may succeed: true only for {@link #CONFLICT}
     * and {@link #STORAGE}. Every other code needs a change to the spec, the data or the call.
     */
    public boolean retryable() {
        return retryable;
    }

    /** Whether {@link DataHandleException} itself carries this code, rather than one of its subclasses. */
    boolean carriedByRoot() {
        return this == CONFIGURATION || this == INVALID_OPERATION || this == LIMIT_EXCEEDED || this == INTERNAL;
    }
}
