package org.datahandle.fs.hdfs;

import org.datahandle.Catalog;

/**
 * Runs in a child JVM of {@link HdfsCrashSafetyTest}: writes {@code rows} rows to the handle
 * {@code out} at {@code path} (an {@code hdfs://} URI). Prints {@code WRITING} before it starts and
 * {@code DONE} when it has finished.
 */
public final class ChildWriterMain {
    private ChildWriterMain() {}

    public static void main(String[] args) {
        String path = args[0];
        int rows = Integer.parseInt(args[1]);
        Catalog.Builder builder = Catalog.builder()
                .fileSystemOption(HdfsSettings.LOCK_TIMEOUT, HdfsCrashSafetyTest.LOCK_TIMEOUT)
                // small blocks: the staged file's visible length grows while it is written
                .fileSystemOption("dfs.blocksize", Integer.toString(HdfsCrashSafetyTest.BLOCK_SIZE));
        try (Catalog catalog = builder.fromYaml("out:\n  disk:\n    path: " + path + "\n")) {
            var data = Rows.of(rows, "child");
            System.out.println("WRITING");
            System.out.flush();
            catalog.get("out").write(data);
            System.out.println("DONE");
        }
    }
}
