package org.datahandle.jobs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * The segment files of one event log: {@code events-<first seq, 20 digits>.jsonl}. A segment holds
 * consecutive events; the writer creates the next segment only after the previous one is complete,
 * so a reader that sees a later segment knows the one it reads has ended.
 */
final class Segments {
    private static final String PREFIX = "events-";
    private static final String SUFFIX = ".jsonl";

    private Segments() {}

    static Path path(Path dir, long firstSeq) {
        return dir.resolve(String.format("%s%020d%s", PREFIX, firstSeq, SUFFIX));
    }

    /** First seq → file, for every segment present now. */
    static TreeMap<Long, Path> list(Path dir) {
        TreeMap<Long, Path> m = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                String digits = n.substring(PREFIX.length(), n.length() - SUFFIX.length());
                if (digits.length() == 20 && digits.chars().allMatch(Character::isDigit)) {
                    m.put(Long.parseLong(digits), p);
                }
            }
        } catch (NoSuchFileException e) {
            return m;
        } catch (IOException e) {
            throw new JobLogException("cannot list the event log of job folder " + dir, e);
        }
        return m;
    }
}
