package org.datahandle.db;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.sql.SQLException;
import java.util.Locale;
import java.util.OptionalInt;
import org.datahandle.table.DataType;

/**
 * PostgreSQL's binary {@code COPY} format (the "PGCOPY" file format of the {@code COPY} manual
 * page): what {@link PostgresCopyReader} decodes and {@link PostgresCopyWriter} encodes. Each value
 * is the type's binary send/receive form: big-endian integers and IEEE floats, dates as days and
 * timestamps as microseconds since 2000-01-01, text as UTF-8 bytes, {@code numeric} as base-10000
 * digits. No text is formatted or parsed on either side, which is where the CSV path spent its time.
 */
final class PgBinary {
    /** The 11-byte signature, then flags (0) and header-extension length (0). */
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** PostgreSQL's epoch (2000-01-01) in days and microseconds after the Unix epoch. */
    static final int EPOCH_DAYS = 10_957;
    static final long EPOCH_MICROS = 946_684_800_000_000L;

    // the wire forms a column can have
    static final int BOOL = 0;
    static final int INT2 = 1;
    static final int INT4 = 2;
    static final int INT8 = 3;
    static final int OID = 4;
    static final int FLOAT4 = 5;
    static final int FLOAT8 = 6;
    static final int TEXT = 7;
    static final int DATE = 8;
    static final int TIMESTAMP = 9;
    static final int BYTEA = 10;
    static final int NUMERIC = 11;

    private static final short NUMERIC_POS = 0x0000;
    private static final short NUMERIC_NEG = 0x4000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private PgBinary() {}

    /**
     * The wire form of a column of PostgreSQL type {@code pgType} read as {@code type}, or empty
     * when this decoder does not cover that pair (jsonb, uuid, unconstrained numeric as text...):
     * then the table is read through the driver's result set instead.
     */
    static OptionalInt readForm(String pgType, DataType type) {
        String t = pgType.toLowerCase(Locale.ROOT);
        if (type instanceof DataType.Decimal) {
            return t.equals("numeric") ? OptionalInt.of(NUMERIC) : OptionalInt.empty();
        }
        if (type instanceof DataType.Timestamp ts) {
            return t.equals(ts.utc() ? "timestamptz" : "timestamp") ? OptionalInt.of(TIMESTAMP) : OptionalInt.empty();
        }
        if (!(type instanceof DataType.Primitive p)) {
            return OptionalInt.empty();
        }
        int form = switch (p) {
            case BOOLEAN -> t.equals("bool") ? BOOL : -1;
            case INT32 -> t.equals("int4") || t.equals("serial") ? INT4 : t.equals("int2") || t.equals("smallserial")
                    ? INT2 : -1;
            case INT64 -> t.equals("int8") || t.equals("bigserial") ? INT8 : t.equals("oid") ? OID : -1;
            case FLOAT32 -> t.equals("float4") ? FLOAT4 : -1;
            case FLOAT64 -> t.equals("float8") ? FLOAT8 : -1;
            // these types send their text's bytes as they are; json, jsonb, uuid, xml do not
            case STRING -> t.equals("text") || t.equals("varchar") || t.equals("bpchar") || t.equals("name") ? TEXT : -1;
            case DATE -> t.equals("date") ? DATE : -1;
            case BINARY -> t.equals("bytea") ? BYTEA : -1;
        };
        return form < 0 ? OptionalInt.empty() : OptionalInt.of(form);
    }

    /** The wire form a staging column made by {@link PostgresDialect#sqlType} receives. */
    static int writeForm(DataType type) {
        if (type instanceof DataType.Decimal) {
            return NUMERIC;
        }
        if (type instanceof DataType.Timestamp) {
            return TIMESTAMP;
        }
        return switch ((DataType.Primitive) type) {
            case BOOLEAN -> BOOL;
            case INT32 -> INT4;
            case INT64 -> INT8;
            case FLOAT32 -> FLOAT4;
            case FLOAT64 -> FLOAT8;
            case STRING -> TEXT;
            case DATE -> DATE;
            case BINARY -> BYTEA;
        };
    }

    /**
     * A binary {@code numeric}: digit count, weight (of the first base-10000 digit), sign, display
     * scale, then the digits. NaN and infinities have no {@code BigDecimal}: SQLState 22003.
     */
    static BigDecimal decodeNumeric(byte[] b, int off, int len) throws SQLException {
        if (len < 8) {
            throw new SQLException("a binary numeric of " + len + " bytes is too short", "22P03");
        }
        int ndigits = (short) SHORT.get(b, off);
        int weight = (short) SHORT.get(b, off + 2);
        int sign = (short) SHORT.get(b, off + 4) & 0xFFFF;
        int dscale = (short) SHORT.get(b, off + 6);
        if (sign != NUMERIC_POS && sign != (NUMERIC_NEG & 0xFFFF)) {
            throw new SQLException("numeric value NaN or infinity has no decimal value", "22003");
        }
        if (ndigits < 0 || len != 8 + 2 * ndigits) {
            throw new SQLException("a binary numeric of " + len + " bytes holds " + ndigits + " digits", "22P03");
        }
        BigDecimal v;
        if (ndigits == 0) {
            v = BigDecimal.ZERO;
        } else if (ndigits <= 4) {
            long unscaled = 0;
            for (int i = 0; i < ndigits; i++) {
                unscaled = unscaled * 10_000 + (short) SHORT.get(b, off + 8 + 2 * i);
            }
            v = BigDecimal.valueOf(unscaled, 4 * (ndigits - 1 - weight));
        } else {
            BigInteger unscaled = BigInteger.ZERO;
            for (int i = 0; i < ndigits; i++) {
                unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf((short) SHORT.get(b, off + 8 + 2 * i)));
            }
            v = new BigDecimal(unscaled, 4 * (ndigits - 1 - weight));
        }
        if (sign != NUMERIC_POS) {
            v = v.negate();
        }
        // the digits past the display scale are zeros that fill the last base-10000 digit
        return v.setScale(Math.max(dscale, 0), java.math.RoundingMode.UNNECESSARY);
    }

    /** The binary {@code numeric} of a value; the server rounds it to the column's scale as it would text. */
    static byte[] encodeNumeric(BigDecimal value) {
        BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        int scale = v.scale();
        int pad = (4 - scale % 4) % 4;
        String digits = v.unscaledValue().abs().toString() + "0".repeat(pad);
        int fractionGroups = (scale + pad) / 4;
        // left-pad the digits to whole base-10000 groups
        int lead = (4 - digits.length() % 4) % 4;
        digits = "0".repeat(lead) + digits;
        int groups = digits.length() / 4;
        int first = 0;
        while (first < groups && digits.startsWith("0000", 4 * first)) {
            first++;
        }
        int last = groups;
        while (last > first && digits.startsWith("0000", 4 * (last - 1))) {
            last--;
        }
        int ndigits = last - first;
        int weight = ndigits == 0 ? 0 : groups - fractionGroups - 1 - first;
        byte[] out = new byte[8 + 2 * ndigits];
        SHORT.set(out, 0, (short) ndigits);
        SHORT.set(out, 2, (short) weight);
        SHORT.set(out, 4, v.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS);
        SHORT.set(out, 6, (short) scale);
        for (int i = 0; i < ndigits; i++) {
            SHORT.set(out, 8 + 2 * i, (short) Integer.parseInt(digits, 4 * (first + i), 4 * (first + i) + 4, 10));
        }
        return out;
    }
}
