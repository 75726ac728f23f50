package org.datahandle.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
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
import org.datahandle.jobs.JobNotFoundException;
import org.junit.jupiter.api.Test;

/** The HTTP status and wire code of each library error come from its ErrorCode. */
class WireErrorTest {

    /** One exception per code, as the library raises them. */
    private static Map<ErrorCode, DataHandleException> oneOfEach() {
        Map<ErrorCode, DataHandleException> m = new EnumMap<>(ErrorCode.class);
        m.put(ErrorCode.SPEC_INVALID, new SpecException("flow.yaml", "a", "disk.path", 3, 5, "bad"));
        m.put(ErrorCode.CONFIGURATION, new DataHandleException(ErrorCode.CONFIGURATION, null, ErrorLocation.UNKNOWN, "x"));
        m.put(ErrorCode.HANDLE_NOT_FOUND, new HandleNotFoundException("a", "no handle"));
        m.put(ErrorCode.INVALID_OPERATION, new DataHandleException(ErrorCode.INVALID_OPERATION, "a",
                ErrorLocation.UNKNOWN, "x"));
        m.put(ErrorCode.NOT_PRODUCED, new NotProducedException("a", ErrorLocation.UNKNOWN, "missing"));
        m.put(ErrorCode.ALREADY_PRODUCED, new AlreadyProducedException(ErrorCode.ALREADY_PRODUCED, "a",
                ErrorLocation.UNKNOWN, "produced"));
        m.put(ErrorCode.CONFLICT, new AlreadyProducedException(ErrorCode.CONFLICT, "a", ErrorLocation.UNKNOWN,
                "another writer"));
        m.put(ErrorCode.UNSUPPORTED_FORMAT, new UnsupportedFormatException("a", ErrorLocation.UNKNOWN, "no codec"));
        m.put(ErrorCode.DATA_FORMAT, new DataFormatException("a", null, 3, 1, 10, "ragged row", null));
        m.put(ErrorCode.LIMIT_EXCEEDED, new DataHandleException(ErrorCode.LIMIT_EXCEEDED, "a", ErrorLocation.UNKNOWN,
                "too big"));
        m.put(ErrorCode.STORAGE, new StorageException("a", ErrorLocation.UNKNOWN, "cannot write",
                new IOException("disk full")));
        m.put(ErrorCode.INTERNAL, new DataHandleException("a provider's message-only error"));
        return m;
    }

    @Test
    void everyCodeHasAStatus() {
        Map<ErrorCode, DataHandleException> all = oneOfEach();
        assertThat(all.keySet()).containsExactlyInAnyOrder(ErrorCode.values());
        Map<ErrorCode, String> answers = new EnumMap<>(ErrorCode.class);
        all.forEach((code, e) -> {
            assertThat(e.code()).isEqualTo(code);
            WireError w = WireError.of(e, "a");
            answers.put(code, w.status() + " " + w.code());
        });
        assertThat(answers).containsEntry(ErrorCode.ALREADY_PRODUCED, "409 AlreadyProduced")
                .containsEntry(ErrorCode.CONFLICT, "409 AlreadyProduced")
                .containsEntry(ErrorCode.NOT_PRODUCED, "404 NotProduced")
                .containsEntry(ErrorCode.HANDLE_NOT_FOUND, "404 HandleNotFound")
                .containsEntry(ErrorCode.DATA_FORMAT, "400 BadData")
                .containsEntry(ErrorCode.UNSUPPORTED_FORMAT, "415 UnsupportedFormat")
                .containsEntry(ErrorCode.STORAGE, "507 Storage")
                .containsEntry(ErrorCode.SPEC_INVALID, "400 BadRequest")
                .containsEntry(ErrorCode.CONFIGURATION, "400 BadRequest")
                .containsEntry(ErrorCode.INVALID_OPERATION, "400 BadRequest")
                .containsEntry(ErrorCode.LIMIT_EXCEEDED, "400 BadRequest")
                .containsEntry(ErrorCode.INTERNAL, "400 BadRequest");
    }

    @Test
    void storageErrorsNameTheirCause() {
        WireError w = WireError.of(oneOfEach().get(ErrorCode.STORAGE), "a");
        assertThat(w.message()).contains("cannot write").endsWith(": disk full");
        assertThat(w.handle()).hasValue("a");
    }

    @Test
    void aMissingJobAndOtherThrowablesKeepTheirAnswers() {
        assertThat(WireError.of(new JobNotFoundException("no job j1"), null)).extracting(WireError::status,
                WireError::code).containsExactly(404, "JobNotFound");
        assertThat(WireError.of(new IllegalArgumentException("bad query"), "a").status()).isEqualTo(400);
        assertThat(WireError.of(new IllegalStateException("bug"), "a")).extracting(WireError::status,
                WireError::code).containsExactly(500, "Internal");
    }
}
