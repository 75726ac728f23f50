package org.datahandle.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The documentation pages the docs tests read: every {@code docs/*.md} and the README, and the
 * fenced code blocks in them. A block may carry a one-line HTML comment right above its fence
 * ({@code <!-- code: File.java#tag -->}, {@code <!-- yaml: fragment ... -->}); it is invisible on
 * the rendered page and tells the tests what the block is.
 */
public final class DocPages {
    /** docs/ of the repository; surefire sets the property, the default suits a run from datahandle-cli. */
    public static final Path DOCS = Path.of(System.getProperty("datahandle.docs", "../docs"));
    private static final Pattern FENCE = Pattern.compile("(?m)(?:^<!-- ([^\\n]*?) -->\\n)?^```(\\w+)\\n(.*?)^```$",
            Pattern.DOTALL);

    private DocPages() {}

    /** A fenced block: its page, its 1-based number among the page's blocks of its language, the marker above it. */
    public record Block(String page, int number, String marker, String text) {
        /** Where the block is, for assertion messages. */
        public String name() {
            return page + " block " + number;
        }
    }

    /** Every page: docs/*.md sorted by name, then README.md. */
    public static List<Path> pages() {
        try (Stream<Path> files = Files.list(DOCS)) {
            List<Path> pages = new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted()
                    .toList());
            pages.add(readme());
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path readme() {
        return DOCS.resolve("../README.md").normalize();
    }

    /** The blocks of one language ({@code java}, {@code yaml}) on a page, in order. */
    public static List<Block> blocks(Path page, String language) {
        String text;
        try {
            text = Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = page.getFileName().toString();
        List<Block> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            if (m.group(2).equals(language)) {
                blocks.add(new Block(name, blocks.size() + 1, m.group(1), m.group(3)));
            }
        }
        return blocks;
    }

    /** The n-th (1-based) block of a language on a page of docs/ (or README.md). */
    public static String block(String page, String language, int n) {
        Path path = page.equals("README.md") ? readme() : DOCS.resolve(page);
        List<Block> blocks = blocks(path, language);
        if (blocks.size() < n) {
            throw new AssertionError(page + " has " + blocks.size() + " " + language + " blocks, the test wants block " + n);
        }
        return blocks.get(n - 1).text();
    }

    /** Replaces text the test relies on, failing if the page no longer has it (so the test follows the page). */
    public static String replace(String text, String target, String replacement) {
        if (!text.contains(target)) {
            throw new AssertionError("the example no longer contains '" + target + "':\n" + text);
        }
        return text.replace(target, replacement);
    }

    public static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
