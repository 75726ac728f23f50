package org.datahandle.bench;

/** One measured operation, set up once in its own JVM and run several times. */
interface BenchCase extends AutoCloseable {

    /** Untimed work before each run (deleting the previous run's output). */
    default void beforeEach() throws Exception {}

    /**
     * One timed run.
     *
     * @return a check value (rows or bytes) that every run of this case, and its peer, must agree on
     */
    long run() throws Exception;

    @Override
    default void close() throws java.io.IOException, java.sql.SQLException {}
}
