package org.datahandle.cli;

/** A command line that names something unusable (a temporary handle for {@code delete}, say): exit code 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
