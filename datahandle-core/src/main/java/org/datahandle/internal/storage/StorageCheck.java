package org.datahandle.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;

/**
 * Decides from storage alone whether a handle's disk is produced (rules 3, 13, 14):
 * <ul>
 *   <li>with a commit record, the files must be exactly the recorded ones (named relative to the
 *       record, so a moved project stays produced), with the recorded sizes; a file whose time
 *       differs from the record is read, and counts when its CRC32C is the recorded one;
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
        return check(layout, false);
    }

    /**
     * @param deep true to read every file and compare its CRC32C even when size and time match
     *     ({@code datahandle verify}); false compares sizes and times, and reads a file only when
     *     its time differs
     */
    public static DiskCheck check(DiskLayout layout, boolean deep) throws IOException {
        FileSystem fs = layout.fileSystem();
        List<List<Location>> expanded = layout.expand();
        Optional<byte[]> recordBytes = readSmall(fs, layout.record());
        if (recordBytes.isPresent()) {
            Optional<CommitRecord> record = CommitRecord.fromJson(recordBytes.get());
            if (record.isEmpty()) {
                return DiskCheck.mismatch(List.of(), "its commit record " + layout.record() + " is unreadable");
            }
            return againstRecord(fs, layout, record.get(), expanded, deep);
        }
        return withoutRecord(fs, layout, expanded);
    }

    /** Reads the commit record, if there is one that parses. */
    public static Optional<CommitRecord> readRecord(DiskLayout layout) throws IOException {
        return readSmall(layout.fileSystem(), layout.record()).flatMap(CommitRecord::fromJson);
    }

    private static DiskCheck againstRecord(FileSystem fs, DiskLayout layout, CommitRecord record,
            List<List<Location>> expanded, boolean deep) throws IOException {
        Location recordAt = layout.record();
        List<Location> folders = layout.declared().stream().map(Location::parent).toList();
        Map<Location, FileEntry> found = new LinkedHashMap<>();
        for (List<Location> part : expanded) {
            for (Location l : part) {
                Optional<FileEntry> e = fs.stat(l);
                if (e.isPresent()) {
                    found.put(l, e.get());
                }
            }
        }
        List<String> changes = new ArrayList<>();
        List<FileEntry> files = new ArrayList<>();
        // everything found, changed files and newcomers too: what a delete would remove
        List<FileEntry> present = new ArrayList<>();
        Map<Location, CommitRecord.FileRecord> recorded = new LinkedHashMap<>();
        for (CommitRecord.FileRecord r : record.files()) {
            Location at = r.resolve(recordAt);
            FileEntry e = found.remove(at);
            if (e == null && folders.contains(at.parent())) {
                // a partition whose value starts with '.' or '_' is published, though wildcards skip such names
                e = fs.stat(at).orElse(null);
            }
            if (e != null) {
                present.add(e);
            }
            if (e == null) {
                changes.add(at + " is missing");
            } else if (e.size() != r.size()) {
                changes.add(e.location() + " is " + e.size() + " bytes, but " + r.size() + " were published");
            } else if ((deep || e.modified().toEpochMilli() != r.modified()) && !sameContent(fs, e, r)) {
                changes.add(e.location() + " has other content than was published"
                        + (e.modified().toEpochMilli() != r.modified() ? " (modified at " + e.modified()
                                + ", published at " + Instant.ofEpochMilli(r.modified()) + ")" : ""));
            } else {
                // a time that differs with the content unchanged (touch, cp without -p) is still the published data
                files.add(e);
                recorded.put(e.location(), r);
            }
        }
        for (FileEntry extra : found.values()) {
            changes.add(extra.location() + " appeared after the data was published");
            present.add(extra);
        }
        for (CommitRecord.FileRecord r : record.sidecars()) {
            // an index that no longer matches its data would answer region queries wrongly
            Location l = r.resolve(layout.record());
            Optional<FileEntry> e = fs.stat(l);
            if (e.isEmpty()) {
                changes.add(l + " (published beside the data) is missing");
            } else if (e.get().size() != r.size() || e.get().modified().toEpochMilli() != r.modified()) {
                changes.add(l + " (published beside the data) was changed after it was published");
            }
        }
        if (!changes.isEmpty()) {
            return DiskCheck.mismatch(present, "the files no longer match the commit record written at "
                    + record.published() + ": " + String.join("; ", changes));
        }
        return DiskCheck.produced(files, recorded, record.schema());
    }

    private static boolean sameContent(FileSystem fs, FileEntry e, CommitRecord.FileRecord r) throws IOException {
        if (r.crc32c() == null) {
            return false;
        }
        try {
            return Checksums.crc32c(fs, e.location()).equalsIgnoreCase(r.crc32c());
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
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
                } else if (!fs.list(l).isEmpty()) {
                    missing.add(l + " is a folder, not a file; name its files, or a wildcard such as "
                            + l.child("*." + layout.spec().format()));
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
