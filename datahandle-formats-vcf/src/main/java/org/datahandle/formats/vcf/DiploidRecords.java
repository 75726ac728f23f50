package org.datahandle.formats.vcf;

import java.util.ArrayList;
import java.util.List;

/**
 * Records whose every call is a diploid GT of alleles 0-7, kept as one code byte per call
 * ({@link DiploidScan}) until the batch knows its size. Pages of about 256 KiB hold whole records,
 * so no page is a "humongous" object for the G1 collector and none is copied to grow.
 */
final class DiploidRecords {
    private static final int PAGE_BYTES = 1 << 18;

    /** Receives the pending records page by page, in order. */
    interface PageConsumer {
        void accept(byte[] page, int offset, int records);
    }

    private final int callsPerRecord;
    private final int recordsPerPage;
    private final List<byte[]> pages = new ArrayList<>();
    private int records;

    DiploidRecords(int callsPerRecord) {
        this.callsPerRecord = callsPerRecord;
        this.recordsPerPage = Math.max(1, PAGE_BYTES / Math.max(1, callsPerRecord));
    }

    int records() {
        return records;
    }

    /** Copies one record's {@code callsPerRecord} codes, from {@code codes[from]}. */
    void add(byte[] codes, int from) {
        int slot = records % recordsPerPage;
        if (slot == 0 && records / recordsPerPage == pages.size()) {
            pages.add(new byte[recordsPerPage * callsPerRecord]);
        }
        System.arraycopy(codes, from, pages.get(records / recordsPerPage), slot * callsPerRecord, callsPerRecord);
        records++;
    }

    void forEach(PageConsumer consumer) {
        for (int p = 0; p < pages.size(); p++) {
            int inPage = Math.min(recordsPerPage, records - p * recordsPerPage);
            if (inPage > 0) {
                consumer.accept(pages.get(p), 0, inPage);
            }
        }
    }

    /** Forgets the records; the pages are kept for the next ones. */
    void clear() {
        records = 0;
    }
}
