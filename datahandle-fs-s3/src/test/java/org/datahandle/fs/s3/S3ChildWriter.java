package org.datahandle.fs.s3;

import java.util.Random;
import org.datahandle.Catalog;
import org.datahandle.TableSink;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Runs in a child JVM: streams rows into an S3 handle until killed. Endpoint, region and
 * credentials come from the AWS environment variables the parent sets (the SDK's default chains);
 * only the options without such a variable are given here. Prints {@code WRITING} once it has the
 * writer lock, and {@code DONE} if it is ever allowed to finish.
 */
public final class S3ChildWriter {
    private S3ChildWriter() {}

    public static void main(String[] args) {
        String yaml = args[0];
        String lockTimeout = args[1];
        Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.of("name", DataType.STRING));
        Random random = new Random(7);
        try (Catalog catalog = Catalog.builder().fileSystemOption("s3.pathStyleAccess", "true")
                .fileSystemOption("s3.partSize", "5MiB").fileSystemOption("s3.lockTimeout", lockTimeout).fromYaml(yaml);
                TableSink sink = catalog.get("out").sink(schema)) {
            System.out.println("WRITING");
            System.out.flush();
            for (int batch = 0; batch < 10_000; batch++) {
                Table.Builder rows = Table.builder(schema, 10_000);
                for (int i = 0; i < 10_000; i++) {
                    // random hex compresses poorly, so parts fill quickly
                    rows.addRow((long) batch * 10_000 + i, Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
                }
                sink.write(rows.build());
            }
            sink.commit();
            System.out.println("DONE");
        }
    }
}
