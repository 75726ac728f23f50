package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The writer's number and date formatting must be exactly the JDK's text, which the reader reads back. */
class TextOutTest {

    private interface Writes {
        void to(TextOut out) throws IOException;
    }

    private static String text(Writes writes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextOut out = new TextOut(bytes);
        writes.to(out);
        out.close();
        return bytes.toString(US_ASCII);
    }

    @Test
    void datesAsLocalDateWritesThem() throws IOException {
        long[] edges = {LocalDate.of(0, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay(),
            LocalDate.of(-1, 12, 31).toEpochDay(), LocalDate.of(10000, 1, 1).toEpochDay(), 0, -1,
            LocalDate.of(2000, 2, 29).toEpochDay(), LocalDate.of(1900, 3, 1).toEpochDay(), -719_468, -719_469};
        for (long day : edges) {
            assertThat(text(out -> out.date((int) day))).isEqualTo(LocalDate.ofEpochDay(day).toString());
        }
        for (long day = LocalDate.of(1600, 1, 1).toEpochDay(); day < LocalDate.of(2400, 1, 1).toEpochDay(); day += 7) {
            long d = day;
            assertThat(text(out -> out.date((int) d))).isEqualTo(LocalDate.ofEpochDay(d).toString());
        }
    }

    @Test
    void integersAsLongToStringWritesThem() throws IOException {
        long[] edges = {0, 1, -1, 9, 10, -10, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : edges) {
            assertThat(text(out -> out.decimal(v))).isEqualTo(Long.toString(v));
        }
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextLong() >> random.nextInt(64);
            assertThat(text(out -> out.decimal(v))).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void longRunsOfTextCrossTheBuffer() throws IOException {
        String big = "x".repeat(200_000);
        StringBuilder expected = new StringBuilder();
        String written = text(out -> {
            for (int i = 0; i < 30_000; i++) {
                out.decimal(i);
                out.write(',');
            }
            out.ascii(big);
            out.write(big.getBytes(US_ASCII));
        });
        for (int i = 0; i < 30_000; i++) {
            expected.append(i).append(',');
        }
        expected.append(big).append(big);
        assertThat(written).isEqualTo(expected.toString());
    }
}
