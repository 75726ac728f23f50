package org.datahandle.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputLineEncoderTest {
    private static final Instant TIME = Instant.parse("2026-11-30T09:35:15.101234Z");

    /** The fast encoder writes what Jackson writes for the String Java decodes from the same bytes. */
    @Test
    void encodesExactlyAsTheCodecForArbitraryBytes() {
        Random random = new Random(42);
        OutputLineEncoder encoder = new OutputLineEncoder();
        byte[] time = TIME.toString().getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 200_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // mostly the interesting bytes: ASCII, controls, quotes, UTF-8 leads and continuations
                int kind = random.nextInt(6);
                b[i] = (byte) (kind == 0 ? random.nextInt(0x20) : kind == 1 ? '"' : kind == 2 ? 0x80 + random.nextInt(0x80)
                        : kind == 3 ? 0xC0 + random.nextInt(0x40) : 0x20 + random.nextInt(0x60));
            }
            boolean partial = random.nextBoolean();
            JobStream stream = random.nextBoolean() ? JobStream.STDOUT : JobStream.STDERR;
            encoder.encode(round, time, stream, b, 0, b.length, partial);
            String fast = new String(encoder.bytes(), 0, encoder.length(), StandardCharsets.UTF_8);
            String expected = new JobEvent.Output(round, TIME, stream, new String(b, StandardCharsets.UTF_8), partial).toJson() + "\n";
            assertThat(fast).as("bytes %s", java.util.HexFormat.of().formatHex(b)).isEqualTo(expected);
        }
    }

    @Test
    void validUtf8IsCopiedAndEachMaximalInvalidSubpartIsOneReplacement() {
        String s = "é€𝄞 \u0000\u001f\t\"\\";
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        OutputLineEncoder encoder = new OutputLineEncoder();
        encoder.encode(0, "t".getBytes(StandardCharsets.US_ASCII), JobStream.STDOUT, b, 0, b.length, false);
        JobEvent.Output o = (JobEvent.Output) EventCodec.parse(
                new String(encoder.bytes(), 0, encoder.length(), StandardCharsets.UTF_8).trim().replace("\"t\"", "\"" + TIME + "\""), "test");
        assertThat(o.text()).isEqualTo(s);
        assertThat(OutputLineEncoder.validSequence(new byte[] {(byte) 0xE2, (byte) 0x82, 'a'}, 0, 3)).isEqualTo(-2);
        assertThat(OutputLineEncoder.validSequence(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3)).isEqualTo(-3);
        assertThat(OutputLineEncoder.validSequence(new byte[] {(byte) 0xF4, (byte) 0x90}, 0, 2)).isEqualTo(-1);
    }

    /** Sequence numbers counted up from the last one's digits, or written afresh after a jump, are the decimal numbers. */
    @Test
    void sequenceNumbersAreTheirDecimalDigitsAcrossCarriesAndJumps() {
        OutputLineEncoder encoder = new OutputLineEncoder();
        byte[] time = TIME.toString().getBytes(StandardCharsets.US_ASCII);
        long[] starts = {0, 7, 95, 998, 9_999_990, 123_456_789, 99_999_999_999L, Long.MAX_VALUE - 3, 1, 0};
        for (long start : starts) {
            for (long seq = start; seq >= start && seq < start + 12 && seq >= 0; seq++) {
                encoder.encode(seq, time, JobStream.STDOUT, new byte[0], 0, 0, false);
                String json = new String(encoder.bytes(), 0, encoder.length(), StandardCharsets.UTF_8);
                assertThat(json).startsWith("{\"seq\":" + seq + ",");
            }
        }
    }
}
