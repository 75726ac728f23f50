package org.datahandle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facts of an error as fields, one message format built from them, one class per code. */
class DataHandleExceptionTest {
    private static final URI FILE = URI.create("file:///data/samples.csv");

    @Test
    void dataErrorsNameHandleThenPlace() {
        DataFormatException e = new DataFormatException("samples", FILE, 3, -1, 40, "row 3 has 4 values", null);
        assertThat(e).hasMessage("handle 'samples': /data/samples.csv line 3 (byte offset 40): row 3 has 4 values");
        assertThat(e.code()).isEqualTo(ErrorCode.DATA_FORMAT);
        assertThat(e.handleId()).contains("samples");
        assertThat(e.location().path()).contains("/data/samples.csv");
        assertThat(e.line()).hasValue(3);
        assertThat(e.byteOffset()).hasValue(40);
        assertThat(e.location().column()).isEmpty();
        assertThat(e.path()).contains(FILE);
        assertThat(e.problem()).isEqualTo("row 3 has 4 values");

        assertThat(new DataFormatException("j", URI.create("s3://b/k.json"), 2, 7, 19, "bad", null))
                .hasMessage("handle 'j': s3://b/k.json line 2, column 7 (byte offset 19): bad");
        assertThat(new DataFormatException("p", FILE, -1, -1, 8, "bad", null))
                .hasMessage("handle 'p': /data/samples.csv byte offset 8: bad");
        assertThat(new DataFormatException(null, null, -1, -1, -1, "bad", null)).hasMessage("bad");
    }

    @Test
    void specErrorsReadLikeACompilers() {
        SpecException e = new SpecException("flow.yaml", "samples", "disk.format", 7, 13, "unknown format 'parqet'");
        assertThat(e).hasMessage("flow.yaml:7:13: handle 'samples', field 'disk.format': unknown format 'parqet'");
        assertThat(e.code()).isEqualTo(ErrorCode.SPEC_INVALID);
        assertThat(e.location().path()).contains("flow.yaml");
        assertThat(e.location().line()).hasValue(7);
        assertThat(e.location().column()).hasValue(13);
        assertThat(e.line()).hasValue(7);
        assertThat(e.column()).hasValue(13);
        assertThat(e.source()).contains("flow.yaml");
        assertThat(e.handleId()).contains("samples");
        assertThat(e.problem()).isEqualTo("unknown format 'parqet'");

        assertThat(new SpecException(null, null, null, 4, 2, "tab")).hasMessage("line 4:2: tab");
        assertThat(new SpecException("f.yaml", null, null, 0, 0, "missing")).hasMessage("f.yaml: missing");
        assertThat(new SpecException(null, null, "disk", 0, 0, "x")).hasMessage("field 'disk': x");
    }

    @Test
    void eachCodeBelongsToOneClass() {
        assertThat(new NotProducedException("h", ErrorLocation.UNKNOWN, "no data").code()).isEqualTo(ErrorCode.NOT_PRODUCED);
        assertThat(new HandleNotFoundException("h", "no such handle").code()).isEqualTo(ErrorCode.HANDLE_NOT_FOUND);
        assertThat(new UnsupportedFormatException("h", ErrorLocation.UNKNOWN, "x").code())
                .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
        assertThat(new StorageException("h", ErrorLocation.of("/x"), "cannot read", new IOException("disk full")))
                .hasMessage("handle 'h': /x: cannot read: java.io.IOException: disk full")
                .extracting(DataHandleException::code).isEqualTo(ErrorCode.STORAGE);
        assertThat(new AlreadyProducedException(ErrorCode.CONFLICT, "h", ErrorLocation.UNKNOWN, "another writer")
                .code()).isEqualTo(ErrorCode.CONFLICT);
        assertThatThrownBy(() -> new AlreadyProducedException(ErrorCode.STORAGE, "h", ErrorLocation.UNKNOWN, "x"))
                .isInstanceOf(IllegalArgumentException.class);

        Set<ErrorCode> root = EnumSet.of(ErrorCode.CONFIGURATION, ErrorCode.INVALID_OPERATION, ErrorCode.LIMIT_EXCEEDED,
                ErrorCode.INTERNAL);
        for (ErrorCode code : ErrorCode.values()) {
            if (root.contains(code)) {
                assertThat(new DataHandleException(code, "h", ErrorLocation.UNKNOWN, "x").code()).isEqualTo(code);
            } else {
                assertThatThrownBy(() -> new DataHandleException(code, "h", ErrorLocation.UNKNOWN, "x"))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(code.name());
            }
        }
    }

    @Test
    void onlyConflictAndStorageAreWorthRetrying() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.retryable()).as(code.name())
                    .isEqualTo(code == ErrorCode.CONFLICT || code == ErrorCode.STORAGE);
        }
    }

    @Test
    void wholeMessagesOfOlderProvidersStayAsGiven() {
        DataHandleException bare = new DataHandleException("something broke");
        assertThat(bare).hasMessage("something broke");
        assertThat(bare.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(bare.handleId()).isEmpty();
        assertThat(bare.location()).isEqualTo(ErrorLocation.UNKNOWN);

        DataFormatException old = new DataFormatException("/x.csv line 2: ragged", FILE, 2, 5);
        assertThat(old).hasMessage("/x.csv line 2: ragged");
        assertThat(old.line()).hasValue(2);
        assertThat(old.withHandle("h")).hasMessage("handle 'h': /x.csv line 2: ragged")
                .extracting(e -> e.handleId().orElseThrow()).isEqualTo("h");
        DataFormatException named = new DataFormatException("handle 'g': bad", FILE, -1, -1);
        assertThat(named.withHandle("h")).isSameAs(named);
    }

    @Test
    void theHandleIsAddedOnTheWayUpOnce() {
        DataFormatException below = new DataFormatException(null, FILE, -1, -1, 0, "the name says 'csv'", null);
        assertThat(below).hasMessage("/data/samples.csv byte offset 0: the name says 'csv'");
        DataFormatException named = below.withHandle("samples");
        assertThat(named).hasMessage("handle 'samples': /data/samples.csv byte offset 0: the name says 'csv'");
        assertThat(named.handleId()).contains("samples");
        assertThat(named.withHandle("other")).isSameAs(named);
        assertThat(named.getStackTrace()).isEqualTo(below.getStackTrace());
    }

    @Test
    void locationsValidateThemselves() {
        assertThat(ErrorLocation.of("/x").atLine(0).atColumn(3).atByte(-1)).isEqualTo(ErrorLocation.of("/x"));
        assertThat(ErrorLocation.UNKNOWN.isUnknown()).isTrue();
        assertThat(ErrorLocation.of("/x").isUnknown()).isFalse();
        assertThatThrownBy(() -> new ErrorLocation(java.util.Optional.empty(), java.util.OptionalLong.of(0),
                java.util.OptionalLong.empty(), java.util.OptionalLong.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
