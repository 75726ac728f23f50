package org.datahandle.formats.json;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.spi.Codec;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;

/** Files in a temp folder and codec calls over them, for the json tests. */
final class JsonFiles {
    static final String H = "events";
    static final LocalCodecFiles LOCAL = LocalCodecFiles.plain(H);

    private final Path dir;
    private int files;

    JsonFiles(Path dir) {
        this.dir = dir;
    }

    Path file(String suffix, String content) throws IOException {
        return file(suffix, content.getBytes(UTF_8));
    }

    Path file(String suffix, byte[] content) throws IOException {
        Path p = dir.resolve("part" + (++files) + suffix);
        Files.write(p, content);
        return p;
    }

    Path newPath(String suffix) {
        return dir.resolve("out" + (++files) + suffix);
    }

    static Map<String, Object> options(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Codec json(Object... options) {
        return new JsonCodecFactory().create(options(options));
    }

    static Codec jsonl(Object... options) {
        return new JsonlCodecFactory().create(options(options));
    }

    static List<ReadSource> sources(Path... paths) {
        List<ReadSource> sources = new ArrayList<>();
        for (Path p : paths) {
            sources.add(LOCAL.source(p));
        }
        return sources;
    }

    static Table read(Codec codec, Path... paths) throws IOException {
        try (TableReader r = codec.openReader(sources(paths))) {
            return r.readAll();
        }
    }

    Path write(Codec codec, String suffix, Table... batches) throws IOException {
        Path p = newPath(suffix);
        try (TableWriter w = codec.openWriter(LOCAL.target(p), batches[0].schema())) {
            for (Table t : batches) {
                w.write(t);
            }
        }
        return p;
    }

    static String text(Path p) throws IOException {
        return Files.readString(p, UTF_8);
    }
}
