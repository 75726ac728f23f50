package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.HandleNotFoundException;
import org.datahandle.NotProducedException;
import org.datahandle.SpecException;
import org.datahandle.StorageException;
import org.datahandle.UnsupportedFormatException;
import org.junit.jupiter.api.Test;

/** Exit codes come from the error code, whatever the message says; docs/errors.md has the same table. */
class ExitCodesTest {
    private static final ErrorLocation NOWHERE = ErrorLocation.UNKNOWN;

    @Test
    void everyErrorCodeHasItsExitCode() {
        assertThat(ExitCodes.of(new SpecException("f.yaml", "h", "disk", 1, 1, "x"))).isEqualTo(ExitCodes.SPEC);
        assertThat(ExitCodes.of(new HandleNotFoundException("h", "x"))).isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.of(new DataFormatException("h", URI.create("file:///x"), 1, -1, 0, "x", null)))
                .isEqualTo(ExitCodes.DATA);
        assertThat(ExitCodes.of(new NotProducedException("h", NOWHERE, "x"))).isEqualTo(ExitCodes.NOT_PRODUCED);
        assertThat(ExitCodes.of(new AlreadyProducedException(ErrorCode.ALREADY_PRODUCED, "h", NOWHERE, "x")))
                .isEqualTo(ExitCodes.ALREADY_PRODUCED);
        assertThat(ExitCodes.of(new AlreadyProducedException(ErrorCode.CONFLICT, "h", NOWHERE, "x")))
                .isEqualTo(ExitCodes.ALREADY_PRODUCED);
        assertThat(ExitCodes.of(new UnsupportedFormatException("h", NOWHERE, "x"))).isEqualTo(ExitCodes.FAILURE);
        assertThat(ExitCodes.of(new StorageException("h", NOWHERE, "x", new IOException("y"))))
                .isEqualTo(ExitCodes.FAILURE);
        for (ErrorCode root : new ErrorCode[] {ErrorCode.CONFIGURATION, ErrorCode.INVALID_OPERATION,
                ErrorCode.LIMIT_EXCEEDED, ErrorCode.INTERNAL}) {
            assertThat(ExitCodes.of(new DataHandleException(root, "h", NOWHERE, "x"))).as(root.name())
                    .isEqualTo(ExitCodes.FAILURE);
        }
        assertThat(ExitCodes.of(new UsageException("x"))).isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.of(new IllegalStateException("a bug"))).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void theTextDoesNotDecide() {
        // a message that reads like "not produced" but carries another code: the code wins
        assertThat(ExitCodes.of(new DataHandleException(ErrorCode.INVALID_OPERATION, "h", NOWHERE,
                "disk is not produced"))).isEqualTo(ExitCodes.FAILURE);
    }
}
