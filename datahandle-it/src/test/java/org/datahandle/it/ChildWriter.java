package org.datahandle.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;

/**
 * Runs in a child JVM: loads a workflow and writes {@code rows} rows tagged {@code tag} to a handle.
 * Waits for {@code goFile} to appear first, so several children can start writing together.
 * Prints {@code WRITING}, then {@code WON} or {@code LOST}.
 */
public final class ChildWriter {
    private ChildWriter() {}

    public static void main(String[] args) throws Exception {
        Path workflow = Path.of(args[0]);
        String handle = args[1];
        int rows = Integer.parseInt(args[2]);
        String tag = args[3];
        Path goFile = Path.of(args[4]);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(goFile)) {
            if (System.nanoTime() > deadline) {
                System.out.println("TIMEOUT");
                System.exit(2);
            }
            Thread.sleep(5);
        }
        try (Catalog catalog = Catalog.load(workflow)) {
            var data = Workflows.rows(rows, tag);
            System.out.println("WRITING");
            System.out.flush();
            catalog.get(handle).write(data);
            System.out.println("WON");
        } catch (AlreadyProducedException e) {
            System.out.println("LOST " + e.getMessage());
        }
        System.out.flush();
    }
}
