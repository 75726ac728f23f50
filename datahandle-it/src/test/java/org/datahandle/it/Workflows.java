package org.datahandle.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.datahandle.Catalog;

/** Small helpers the end-to-end tests share: workflows in a temp folder, rows, files. */
final class Workflows {
    private Workflows() {}

    /** Writes {@code yaml} as {@code workflow.yaml} in {@code dir} and loads it. */
    static Catalog load(Path dir, String yaml) {
        return Catalog.load(write(dir.resolve("workflow.yaml"), yaml));
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path gzip(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code n} rows of (id int64, name string, score float64). */
    static List<Map<String, Object>> rows(int n, String tag) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", (long) i);
            row.put("name", tag + "-" + i);
            row.put("score", i * 0.5);
            rows.add(row);
        }
        return rows;
    }

    /** A handle declaration on one path. */
    static String handle(String id, String path) {
        return id + ":\n  disk:\n    path: " + path + "\n";
    }
}
