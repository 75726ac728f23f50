package org.datahandle.formats.vcf;

import static java.util.Objects.requireNonNull;

/**
 * A genomic interval as users write it: {@code chr20}, {@code chr20:1000}, {@code chr20:1-1000000}
 * or {@code chr20:1,000-} (1-based, both ends included, commas in numbers ignored). A record
 * overlaps it when {@code [pos, pos + length(REF) - 1]} meets {@code [start, end]}, as tabix and
 * {@code bcftools view -r} decide.
 *
 * @param chrom the contig name, as the file writes it
 * @param start first position, 1-based
 * @param end last position, inclusive; {@link Long#MAX_VALUE} for "to the end"
 */
record Region(String chrom, long start, long end) {
    Region {
        requireNonNull(chrom, "chrom is null");
        if (chrom.isEmpty()) {
            throw new IllegalArgumentException("a region needs a contig name");
        }
        if (start < 1 || end < start) {
            throw new IllegalArgumentException("region " + chrom + ":" + start + "-" + end
                    + " is empty or starts before position 1");
        }
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not a region
     */
    static Region parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            return new Region(t, 1, Long.MAX_VALUE);
        }
        String chrom = t.substring(0, colon);
        String range = t.substring(colon + 1).replace(",", "");
        try {
            int dash = range.indexOf('-');
            if (dash < 0) {
                long p = Long.parseLong(range);
                return new Region(chrom, p, p);
            }
            long start = dash == 0 ? 1 : Long.parseLong(range.substring(0, dash));
            String endText = range.substring(dash + 1);
            long end = endText.isEmpty() ? Long.MAX_VALUE : Long.parseLong(endText);
            return new Region(chrom, start, end);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("region '" + text + "' is not chrom, chrom:pos or chrom:start-end");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("region '" + text + "': " + e.getMessage());
        }
    }

    boolean overlaps(String recordChrom, long pos, long endPos) {
        return chrom.equals(recordChrom) && pos <= end && endPos >= start;
    }

    @Override
    public String toString() {
        return chrom + ":" + start + "-" + (end == Long.MAX_VALUE ? "" : Long.toString(end));
    }
}
