package org.datahandle.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.datahandle.ErrorLocation;
import org.datahandle.NotProducedException;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileSystem;
import java.util.concurrent.Executor;
import org.datahandle.spi.DecoderErrorStream;
import org.datahandle.spi.Location;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.Registry;
import org.datahandle.spi.SeekableInput;

/** One file of a handle as a codec sees it: decompressed, with decoder failures reported as data errors. */
public final class DiskSource implements ReadSource {
    private final String handleId;
    private final Location location;
    private final DiskLayout layout;
    private final Registry registry;
    /** What the commit record says of this file; null for inputs from outside, which have no record. */
    private final CommitRecord.FileRecord recorded;
    /** The file's size on disk, which bounds what it may expand to. */
    private final long size;
    private final Executor executor;

    public DiskSource(String handleId, Location location, long size, DiskLayout layout, Registry registry,
            CommitRecord.FileRecord recorded, Executor executor) {
        this.handleId = handleId;
        this.size = size;
        this.recorded = recorded;
        this.location = location;
        this.layout = layout;
        this.registry = registry;
        this.executor = executor;
    }

    @Override
    public String handleId() {
        return handleId;
    }

    @Override
    public Location location() {
        return location;
    }

    @Override
    public InputStream open() throws IOException {
        InputStream raw;
        try {
            raw = layout.fileSystem().openRead(location);
        } catch (NoSuchFileException e) {
            throw gone();
        }
        if (recorded != null) {
            raw = new VerifyingInputStream(raw, handleId, location, recorded);
        }
        String compression = layout.spec().compression();
        InputStream decoded = CompressionCheck.open(raw, compression, layout.spec().format(), location, registry,
                executor);
        if (compression.equals("none")) {
            return decoded;
        }
        return new ExpansionLimit(new DecoderErrorStream(decoded, handleId, location), handleId, location, size);
    }

    @Override
    public SeekableInput openSeekable() throws IOException {
        FileSystem fs = layout.fileSystem();
        if (recorded == null) {
            try {
                return fs.openSeekable(location);
            } catch (NoSuchFileException e) {
                throw gone();
            }
        }
        // random access cannot sum the bytes on the way; the file must be the published one when
        // opened (its content checked when its time differs) and unchanged when closed
        FileEntry before = fs.stat(location).orElseThrow(this::gone);
        if (before.size() != recorded.size()) {
            throw changed("it is " + before.size() + " bytes, but " + recorded.size() + " were published");
        }
        if (before.modified().toEpochMilli() != recorded.modified()
                && !Checksums.crc32c(fs, location).equalsIgnoreCase(String.valueOf(recorded.crc32c()))) {
            throw changed("its content is not what was published");
        }
        SeekableInput input;
        try {
            input = fs.openSeekable(location);
        } catch (NoSuchFileException e) {
            throw gone();
        }
        return new SeekableInput() {
            @Override
            public long length() throws IOException {
                return input.length();
            }

            @Override
            public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                return input.read(position, buffer, offset, length);
            }

            @Override
            public void close() throws IOException {
                input.close();
                Optional<FileEntry> after = fs.stat(location);
                if (after.isEmpty() || after.get().size() != before.size()
                        || !after.get().modified().equals(before.modified())) {
                    throw changed("it was replaced or modified while it was read");
                }
            }
        };
    }

    /** Deleted between the produced check and the read (a deleteDisk racing a read). */
    private NotProducedException gone() {
        return new NotProducedException(handleId, ErrorLocation.of(location), "deleted while it was"
                + " being read; the disk is no longer produced");
    }

    private NotProducedException changed(String what) {
        return new NotProducedException(handleId, ErrorLocation.of(location), "changed after it was published"
                + " or while it was read (" + what + "); the read is void");
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.of(executor);
    }

    @Override
    public Optional<InputStream> openSidecar(String suffix) throws IOException {
        Location sidecar = location.sibling(location.fileName() + suffix);
        if (layout.fileSystem().stat(sidecar).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(layout.fileSystem().openRead(sidecar));
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            return Optional.empty(); // deleted between stat and open
        }
    }
}
