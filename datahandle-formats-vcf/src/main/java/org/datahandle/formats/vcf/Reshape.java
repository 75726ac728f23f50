package org.datahandle.formats.vcf;

import java.util.ArrayList;
import java.util.List;
import org.datahandle.table.Column;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.ListColumn;
import org.datahandle.table.StringColumn;
import org.datahandle.table.StructColumn;
import org.datahandle.table.Table;

/**
 * Turns a parsed batch (one row per record, genotypes as a list of structs) into the layout the
 * user asked for: {@code long} (one row per record and sample) or {@code dosage} (one float64
 * column per sample).
 */
final class Reshape {
    private Reshape() {}

    static Table apply(TableShape shape, Table parsed) {
        return switch (shape.layout) {
            case VARIANTS, SITES -> Table.of(shape.schema, parsed.columns());
            case LONG -> toLong(shape, parsed);
            case DOSAGE -> toDosage(shape, parsed);
        };
    }

    private static Table toLong(TableShape shape, Table parsed) {
        int samples = shape.sampleColumns.length;
        int rows = parsed.rowCount() * samples;
        int siteColumns = parsed.columnCount() - 1;
        ListColumn genotypes = (ListColumn) parsed.column(siteColumns);
        StructColumn perSample = (StructColumn) genotypes.elements();
        List<Column.Builder> builders = new ArrayList<>();
        for (int c = 0; c < shape.schema.size(); c++) {
            builders.add(Column.builder(shape.schema.field(c).type(), rows));
        }
        StringColumn.Builder sampleName = (StringColumn.Builder) builders.get(siteColumns);
        int genotypeFields = shape.schema.size() - siteColumns - 1;
        for (int r = 0; r < parsed.rowCount(); r++) {
            int first = genotypes.start(r);
            for (int s = 0; s < samples; s++) {
                for (int c = 0; c < siteColumns; c++) {
                    builders.get(c).appendRange(parsed.column(c), r, r + 1);
                }
                sampleName.append(shape.sampleNames.get(s));
                for (int g = 0; g < genotypeFields; g++) {
                    builders.get(siteColumns + 1 + g).appendRange(perSample.field(g), first + s, first + s + 1);
                }
            }
        }
        List<Column> cols = new ArrayList<>();
        for (Column.Builder b : builders) {
            cols.add(b.build());
        }
        return Table.of(shape.schema, cols);
    }

    /** Alt-allele dosage: the number of non-REF alleles called; NaN when the GT or any allele is missing. */
    private static Table toDosage(TableShape shape, Table parsed) {
        int samples = shape.sampleColumns.length;
        ListColumn genotypes = (ListColumn) parsed.column(parsed.columnCount() - 1);
        StructColumn perSample = (StructColumn) genotypes.elements();
        ListColumn gt = (ListColumn) perSample.field(0);
        IntColumn alleles = (IntColumn) gt.elements();
        List<DoubleColumn.Builder> builders = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            builders.add(DoubleColumn.builder(parsed.rowCount()));
        }
        for (int r = 0; r < parsed.rowCount(); r++) {
            int first = genotypes.start(r);
            for (int s = 0; s < samples; s++) {
                int g = first + s;
                double dosage;
                if (gt.isNull(g) || gt.length(g) == 0) {
                    dosage = Double.NaN;
                } else {
                    dosage = 0;
                    for (int a = gt.start(g); a < gt.start(g) + gt.length(g); a++) {
                        if (alleles.isNull(a)) {
                            dosage = Double.NaN;
                            break;
                        }
                        if (alleles.getInt(a) > 0) {
                            dosage++;
                        }
                    }
                }
                builders.get(s).append(dosage);
            }
        }
        List<Column> cols = new ArrayList<>();
        for (DoubleColumn.Builder b : builders) {
            cols.add(b.build());
        }
        return Table.of(shape.schema, cols);
    }
}
