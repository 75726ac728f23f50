package org.datahandle.formats.vcf;

import java.util.Locale;

/** The shape of the table a VCF becomes (option {@code layout}). */
enum Layout {
    /** One row per record: site columns, an {@code info} struct, a {@code genotypes} list with one struct per sample. */
    VARIANTS,
    /** One row per record without genotypes: the sample columns are not parsed at all. */
    SITES,
    /** One row per record and sample: site columns, {@code sample}, then the FORMAT fields flattened. */
    LONG,
    /** One float64 column per sample holding the alt-allele dosage (NaN when a call is missing): the matrix form. */
    DOSAGE;

    String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Layout parse(Object value) {
        String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        for (Layout l : values()) {
            if (l.optionValue().equals(s)) {
                return l;
            }
        }
        throw new IllegalArgumentException("option 'layout' must be one of variants, sites, long, dosage; got: "
                + value);
    }
}
