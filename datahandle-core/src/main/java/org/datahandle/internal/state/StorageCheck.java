package org.datahandle.internal.state;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.internal.publish.CommitRecord;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;

/**
 * Decides from storage alone whether a handle's disk is produced (rules 3, 13, 14):
 * <ul>
 *   <li>with a commit record, the files must be exactly the recorded ones, with the recorded sizes
 *       and modification times;
 *   <li>without one (inputs from outside), every listed path must exist and every wildcard must
 *       match at least one file; a folder path (a job's output) must hold {@code _SUCCESS} and at
 *       least one data file.
 * </ul>
 */
public final class StorageCheck {
    /** A commit record is tiny; anything larger is not one of ours. */
    private static final int MAX_RECORD_BYTES = 16 << 20;

    private StorageCheck() {}

    public static DiskCheck check(DiskLayout layout) throws IOException {
        FileSystem fs = layout.fileSystem();
        List<List<Location>> expanded = layout.expand();
        Optional<byte[]> recordBytes = readSmall(fs, layout.record());
        if (recordBytes.isPresent()) {
            Optional<CommitRecord> record = CommitRecord.fromJson(recordBytes.get());
            if (record.isEmpty()) {
                return DiskCheck.mismatch(List.of(), "its commit record " + layout.record() + " is unreadable");
            }
            return againstRecord(fs, record.get(), expanded);
        }
        return withoutRecord(fs, layout, expanded);
    }

    /** Reads the commit record, if there is one that parses. */
    public static Optional<CommitRecord> readRecord(DiskLayout layout) throws IOException {
        return readSmall(layout.fileSystem(), layout.record()).flatMap(CommitRecord::fromJson);
    }

    private static DiskCheck againstRecord(FileSystem fs, CommitRecord record, List<List<Location>> expanded)
            throws IOException {
        Map<URI, FileEntry> found = new LinkedHashMap<>();
        for (List<Location> part : expanded) {
            for (Location l : part) {
                Optional<FileEntry> e = fs.stat(l);
                if (e.isPresent()) {
                    found.put(l.uri(), e.get());
                }
            }
        }
        List<String> changes = new ArrayList<>();
        List<FileEntry> files = new ArrayList<>();
        for (CommitRecord.FileRecord r : record.files()) {
            FileEntry e = found.remove(Location.of(r.path()).uri());
            if (e == null) {
                changes.add(Location.of(r.path()) + " is missing");
            } else if (e.size() != r.size()) {
                changes.add(e.location() + " is " + e.size() + " bytes, but " + r.size() + " were published");
            } else if (e.modified().toEpochMilli() != r.modified()) {
                changes.add(e.location() + " was modified at " + e.modified() + ", after it was published at "
                        + Instant.ofEpochMilli(r.modified()));
            } else {
                files.add(e);
            }
        }
        for (FileEntry extra : found.values()) {
            changes.add(extra.location() + " appeared after the data was published");
        }
        if (!changes.isEmpty()) {
            return DiskCheck.mismatch(files, "the files no longer match the commit record written at "
                    + record.published() + ": " + String.join("; ", changes));
        }
        return DiskCheck.produced(files);
    }

    private static DiskCheck withoutRecord(FileSystem fs, DiskLayout layout, List<List<Location>> expanded)
            throws IOException {
        if (!fs.capabilities().contains(Capability.ATOMIC_RENAME) && fs.stat(layout.lock()).isPresent()) {
            // on a store without rename, objects appear at their final names while a writer works;
            // its lock object says they are not complete yet
            return DiskCheck.absent(List.of(), "a writer is writing it (its lock " + layout.lock() + " exists)");
        }
        List<String> missing = new ArrayList<>();
        List<FileEntry> files = new ArrayList<>();
        if (layout.isFolder() && !FolderTree.hasSuccessMarker(fs, layout.declared().get(0))) {
            // a job writes its parts into the folder one by one; only its last act, the marker, says it finished
            Location folder = layout.declared().get(0);
            return DiskCheck.absent(files, expanded.get(0).isEmpty() ? "no data file in folder " + folder
                    : "folder " + folder + " has no commit record and no " + FolderTree.SUCCESS_MARKER
                            + " marker, so the job that wrote it may not have finished");
        }
        for (int i = 0; i < expanded.size(); i++) {
            List<Location> part = expanded.get(i);
            if (part.isEmpty()) {
                missing.add("no file matches " + layout.declared().get(i));
                continue;
            }
            for (Location l : part) {
                Optional<FileEntry> e = fs.stat(l);
                if (e.isPresent()) {
                    files.add(e.get());
                } else {
                    missing.add(l + " does not exist");
                }
            }
        }
        if (!missing.isEmpty()) {
            return DiskCheck.absent(files, String.join("; ", missing));
        }
        return DiskCheck.produced(files);
    }

    private static Optional<byte[]> readSmall(FileSystem fs, Location location) throws IOException {
        Optional<FileEntry> entry = fs.stat(location);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (entry.get().size() > MAX_RECORD_BYTES) {
            return Optional.of(new byte[0]);
        }
        try (InputStream in = fs.openRead(location)) {
            return Optional.of(in.readAllBytes());
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty(); // deleted between stat and open
        }
    }
}
