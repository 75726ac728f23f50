package org.datahandle.formats.vcf;

/**
 * The {@code Number=} of an INFO or FORMAT definition: a fixed count, or one that depends on the
 * record ({@code A} one per ALT allele, {@code R} one per allele, {@code G} one per genotype),
 * or unbounded ({@code .}).
 *
 * @param kind what the count depends on
 * @param count the fixed count, for {@link Kind#FIXED}
 */
record VcfNumber(Kind kind, int count) {
    enum Kind { FIXED, A, R, G, UNBOUNDED }

    static final VcfNumber ONE = new VcfNumber(Kind.FIXED, 1);
    static final VcfNumber ZERO = new VcfNumber(Kind.FIXED, 0);
    static final VcfNumber UNBOUNDED = new VcfNumber(Kind.UNBOUNDED, -1);

    /** Null when the text is not a Number. VCF 4.0's {@code -1} means unbounded, as htslib reads it. */
    static VcfNumber parse(String text) {
        switch (text) {
            case "A":
                return new VcfNumber(Kind.A, -1);
            case "R":
                return new VcfNumber(Kind.R, -1);
            case "G":
                return new VcfNumber(Kind.G, -1);
            case ".":
            case "-1":
                return UNBOUNDED;
            default:
                try {
                    int n = Integer.parseInt(text);
                    return n >= 0 ? new VcfNumber(Kind.FIXED, n) : null;
                } catch (NumberFormatException e) {
                    return null;
                }
        }
    }

    /** One value per record (or none, for a Flag): a scalar column rather than a list. */
    boolean isScalar() {
        return kind == Kind.FIXED && count <= 1;
    }

    /**
     * The number of values a record must have, or -1 when it is not fixed for this record.
     *
     * @param alts the number of ALT alleles
     * @param ploidy the sample's ploidy, or -1 when unknown (INFO, or no GT)
     */
    int expected(int alts, int ploidy) {
        return switch (kind) {
            case FIXED -> count;
            case A -> alts;
            case R -> alts + 1;
            case G -> ploidy == 1 ? alts + 1 : ploidy == 2 ? (alts + 1) * (alts + 2) / 2 : -1;
            case UNBOUNDED -> -1;
        };
    }

    /** The header spelling. */
    String spelling() {
        return switch (kind) {
            case FIXED -> Integer.toString(count);
            case A -> "A";
            case R -> "R";
            case G -> "G";
            case UNBOUNDED -> ".";
        };
    }
}
