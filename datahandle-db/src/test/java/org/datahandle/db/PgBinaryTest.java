package org.datahandle.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** PostgreSQL's binary numeric both ways, without a server (the contract tests run it against one). */
class PgBinaryTest {

    @Test
    void numericsRoundTripExactly() throws SQLException {
        List<String> values = List.of("0", "0.00", "1", "-1", "10000", "9999", "0.0001", "-0.00001", "123456789.987654321",
                "1E+12", "-99999999999999999999999999999.999999999", "0.1", "100000000", "12.3400", "1e-20");
        for (String s : values) {
            BigDecimal v = new BigDecimal(s);
            byte[] b = PgBinary.encodeNumeric(v);
            BigDecimal back = PgBinary.decodeNumeric(b, 0, b.length);
            assertThat(back).as(s).isEqualByComparingTo(v);
            assertThat(back.scale()).as(s).isEqualTo(Math.max(v.scale(), 0));
        }
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            BigDecimal v = new BigDecimal(new java.math.BigInteger(1 + r.nextInt(120), r), r.nextInt(40) - 5);
            byte[] b = PgBinary.encodeNumeric(r.nextBoolean() ? v : v.negate());
            BigDecimal back = PgBinary.decodeNumeric(b, 0, b.length);
            assertThat(back.abs()).isEqualByComparingTo(v.abs());
        }
    }

    @Test
    void theWireFormMatchesPostgresqlsOwn() {
        // numeric '12345.678' as numeric_send gives it: 3 digits, weight 1, positive, dscale 3, [1, 2345, 6780]
        byte[] b = PgBinary.encodeNumeric(new BigDecimal("12345.678"));
        assertThat(b).containsExactly(0, 3, 0, 1, 0, 0, 0, 3, 0, 1, 0x09, 0x29, 0x1A, 0x7C);
    }

    @Test
    void nanHasNoDecimal() {
        byte[] nan = {0, 0, 0, 0, (byte) 0xC0, 0, 0, 0};
        assertThatThrownBy(() -> PgBinary.decodeNumeric(nan, 0, nan.length)).isInstanceOf(SQLException.class)
                .hasMessageContaining("NaN");
    }
}
