package org.datahandle.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.datahandle.Catalog;
import org.datahandle.fs.local.LocalFileSystemFactory;
import org.datahandle.spi.Capability;
import org.datahandle.spi.CodecFactory;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.spi.DiskInference;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.FileSystemFactory;
import org.datahandle.spi.FormatProvider;
import org.datahandle.spi.Location;
import org.datahandle.spi.Registry;
import org.datahandle.spi.SeekableInput;

/**
 * The real local file system, with one fault switched on at will: an operation on a matching
 * location fails like a full disk ({@code ENOSPC}) — what a write meets when the disk fills up
 * between its data and its commit record.
 */
final class FaultyDisk implements FileSystemFactory {
    /** Which operation fails where, e.g. {@code "createExclusive"} and a name fragment. */
    record Fault(String operation, String nameContains) {}

    private final AtomicReference<Fault> fault = new AtomicReference<>();

    void failOn(String operation, String nameContains) {
        fault.set(new Fault(operation, nameContains));
    }

    void heal() {
        fault.set(null);
    }

    /** Every discovered provider, with this file system in place of the local one. */
    Registry registry() {
        ClassLoader loader = Catalog.class.getClassLoader();
        Registry.Builder b = Registry.builder();
        ServiceLoader.load(FormatProvider.class, loader).forEach(b::register);
        ServiceLoader.load(CodecFactory.class, loader).forEach(b::register);
        ServiceLoader.load(CompressionCodec.class, loader).forEach(b::register);
        ServiceLoader.load(DiskInference.class, loader).forEach(b::register);
        for (FileSystemFactory f : ServiceLoader.load(FileSystemFactory.class, loader)) {
            if (!f.schemes().contains("file")) {
                b.register(f);
            }
        }
        return b.register(this).build();
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    @Override
    public FileSystem create(Map<String, String> options) {
        FileSystem real = new LocalFileSystemFactory().create(options);
        return new FileSystem() {
            private void maybeFail(String operation, Location l) throws IOException {
                Fault f = fault.get();
                if (f != null && f.operation().equals(operation) && l.fileName().contains(f.nameContains())) {
                    throw new IOException(l + ": No space left on device");
                }
            }

            @Override
            public Set<Capability> capabilities() {
                return real.capabilities();
            }

            @Override
            public Optional<FileEntry> stat(Location location) throws IOException {
                return real.stat(location);
            }

            @Override
            public List<FileEntry> list(Location folder) throws IOException {
                return real.list(folder);
            }

            @Override
            public InputStream openRead(Location location) throws IOException {
                Fault f = fault.get();
                if (f != null && f.operation().equals("vanishOnOpen") && location.fileName().contains(f.nameContains())) {
                    real.delete(location); // a deleteDisk in another process, right between check and open
                }
                return real.openRead(location);
            }

            @Override
            public SeekableInput openSeekable(Location location) throws IOException {
                return real.openSeekable(location);
            }

            @Override
            public OutputStream create(Location location) throws IOException {
                maybeFail("create", location);
                return real.create(location);
            }

            @Override
            public void createExclusive(Location location, byte[] content) throws IOException {
                maybeFail("createExclusive", location);
                real.createExclusive(location, content);
            }

            @Override
            public void rename(Location source, Location target) throws IOException {
                maybeFail("rename", target);
                real.rename(source, target);
            }

            @Override
            public boolean delete(Location location) throws IOException {
                return real.delete(location);
            }

            @Override
            public Optional<FileLock> tryLock(Location location) throws IOException {
                return real.tryLock(location);
            }

            @Override
            public void createFolders(Location folder) throws IOException {
                real.createFolders(folder);
            }
        };
    }
}
