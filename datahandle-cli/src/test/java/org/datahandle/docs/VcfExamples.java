package org.datahandle.docs;

// tag::imports[]
import java.nio.file.Path;
import org.datahandle.Catalog;
import org.datahandle.table.Table;
// end::imports[]

/** The code of docs/formats-vcf.md; DocsSnippetsTest checks the page shows it, VcfExamplesTest runs it. */
public final class VcfExamples {
    private VcfExamples() {}

    /** What the example read: rows of every chromosome, rows of the region, the dosage matrix. */
    record Summary(int rows, int regionRows, double[][] dosage) {}

    static Summary run(Path workflow) {
        // tag::vcf[]
        try (Catalog catalog = Catalog.load(workflow)) {
            Table all = catalog.get("chromosomes").read();          // chr21 and chr22, headers checked to agree
            Table region = catalog.get("chr22Region").read();       // through ALL.chr22.vcf.bgz.tbi
            double[][] dosage = catalog.get("dosages").read(double[][].class);
            catalog.get("genotypesParquet").write(catalog.get("genotypeTable").read());
            catalog.get("calls").write(all);                        // out/calls.chr21.vcf.bgz + .tbi, chr22 likewise
            return new Summary(all.rowCount(), region.rowCount(), dosage);
        }
        // end::vcf[]
    }
}
