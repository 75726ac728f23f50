package org.datahandle.internal.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.spi.SeekableInput;

/**
 * Files as byte arrays keyed by location, like a blob store: folders exist only as the parents of
 * files. Enough of a {@link FileSystem} for wildcard expansion; it has no capabilities, so the
 * operations that need one refuse as the SPI says they must.
 */
final class InMemoryFileSystem implements FileSystem {
    private static final Instant TIME = Instant.parse("2024-01-01T00:00:00Z");
    private final Map<Location, byte[]> files = new ConcurrentSkipListMap<>(Comparator.comparing(l -> l.uri().toString()));

    /** Adds an (empty) file. */
    InMemoryFileSystem file(String uri) {
        files.put(Location.of(uri), new byte[0]);
        return this;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public Optional<FileEntry> stat(Location location) {
        byte[] content = files.get(location);
        return content == null ? Optional.empty() : Optional.of(new FileEntry(location, content.length, TIME));
    }

    @Override
    public List<FileEntry> list(Location folder) {
        List<FileEntry> entries = new ArrayList<>();
        files.forEach((location, content) -> {
            if (location.parent().uri().equals(folder.child("x").parent().uri())) {
                entries.add(new FileEntry(location, content.length, TIME));
            }
        });
        entries.sort(Comparator.comparing(e -> e.location().fileName()));
        return entries;
    }

    @Override
    public InputStream openRead(Location location) throws NoSuchFileException {
        byte[] content = files.get(location);
        if (content == null) {
            throw new NoSuchFileException(location.toString());
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public SeekableInput openSeekable(Location location) {
        throw new UnsupportedOperationException("in-memory test file system is not SEEKABLE: " + location);
    }

    @Override
    public OutputStream create(Location location) {
        return new ByteArrayOutputStream() {
            @Override
            public void close() {
                files.put(location, toByteArray());
            }
        };
    }

    @Override
    public void createExclusive(Location location, byte[] content) throws FileAlreadyExistsException {
        if (files.putIfAbsent(location, content.clone()) != null) {
            throw new FileAlreadyExistsException(location.toString());
        }
    }

    @Override
    public void rename(Location source, Location target) throws NoSuchFileException {
        byte[] content = files.remove(source);
        if (content == null) {
            throw new NoSuchFileException(source.toString());
        }
        files.put(target, content);
    }

    @Override
    public boolean delete(Location location) {
        return files.remove(location) != null;
    }

    @Override
    public Optional<FileLock> tryLock(Location location) {
        throw new UnsupportedOperationException("in-memory test file system has no EXCLUSIVE_LOCK: " + location);
    }

    @Override
    public void createFolders(Location folder) {
        // folders are implicit, as on a blob store
    }
}
