package org.datahandle.jobs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes one entry of a folder and everything under it without ever following a symbolic link: a
 * link is deleted itself, its target is left alone. Where the platform offers it (Linux, macOS) every
 * step works relative to an open directory ({@link SecureDirectoryStream}, {@code openat} with
 * {@code O_NOFOLLOW}), so a directory swapped for a link during the walk is not followed either.
 * Entries that vanish meanwhile (another process deleting the same tree) are not errors.
 */
final class FolderDeletion {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private FolderDeletion() {}

    /** Deletes {@code parent/name} and all it holds; a link named so is deleted, not followed. */
    static void delete(Path parent, String name) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            if (ds instanceof SecureDirectoryStream<Path> sds) {
                deleteEntry(sds, parent.getFileSystem().getPath(name));
                return;
            }
        }
        deleteByWalk(parent.resolve(name));
    }

    private static void deleteEntry(SecureDirectoryStream<Path> in, Path name) throws IOException {
        BasicFileAttributes a;
        try {
            a = in.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
        } catch (NoSuchFileException gone) {
            return;
        }
        if (a.isDirectory()) {
            try (SecureDirectoryStream<Path> sub = in.newDirectoryStream(name, NOFOLLOW)) {
                for (Path child : sub) {
                    deleteEntry(sub, child.getFileName());
                }
            } catch (NoSuchFileException gone) {
                return;
            }
            try {
                in.deleteDirectory(name);
            } catch (NoSuchFileException gone) {
                // deleted by another remover
            }
        } else {
            try {
                in.deleteFile(name);
            } catch (NoSuchFileException gone) {
                // deleted by another remover
            }
        }
    }

    /** Where there is no secure directory stream: a walk that does not follow links (the default). */
    private static void deleteByWalk(Path root) throws IOException {
        if (!Files.exists(root, NOFOLLOW)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
