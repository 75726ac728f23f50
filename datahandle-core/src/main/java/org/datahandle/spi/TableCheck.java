package org.datahandle.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.datahandle.DiskStatus.CommitRecordState;

/**
 * What a database says about a table right now (state-machine rules 3 and 13 for tables).
 *
 * <p>Produced means the table exists and either its commit record matches it (engine table id,
 * row count, columns) or there is no record (a table that came from outside).
 *
 * @param exists whether the table exists
 * @param record whether a commit record vouches for it, and whether the table still matches it
 * @param rows the row count, when the table exists
 * @param bytes the engine's estimate of the table's size on disk, when it has one
 * @param published when the library published it (from the record), if it did
 * @param problem why the table is not produced; empty exactly when it is
 */
public record TableCheck(boolean exists, CommitRecordState record, OptionalLong rows, OptionalLong bytes,
        Optional<Instant> published, Optional<String> problem) {

    public TableCheck {
        requireNonNull(record, "record is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(bytes, "bytes is null");
        requireNonNull(published, "published is null");
        requireNonNull(problem, "problem is null");
        boolean produced = exists && record != CommitRecordState.MISMATCH;
        if (produced == problem.isPresent()) {
            throw new IllegalArgumentException("a problem is given exactly when the table is not produced");
        }
    }

    /** A table that is not there; {@code why} says what was found instead. */
    public static TableCheck absent(String why) {
        return new TableCheck(false, CommitRecordState.ABSENT, OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), Optional.of(why));
    }

    /** True when complete data is in the table. */
    public boolean produced() {
        return problem.isEmpty();
    }
}
