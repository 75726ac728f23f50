package org.datahandle.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.FileSystemFactory;
import org.datahandle.spi.Location;
import org.datahandle.spi.Registry;
import org.datahandle.spi.SeekableInput;

/**
 * A registry of every provider on the class path whose file systems count the bytes read from
 * storage, so {@code convert} can show how far it is through its input. Uses only the public SPI:
 * the library's streams need not know about progress.
 */
final class CountingFileSystems {
    private final LongAdder bytesRead = new LongAdder();
    private final Registry registry;

    CountingFileSystems(ClassLoader loader) {
        this.registry = Registry.discover(loader).withFileSystems(f -> new CountingFactory(f, bytesRead));
    }

    Registry registry() {
        return registry;
    }

    /** Raw bytes read from storage so far: compressed bytes for a compressed file. */
    long bytesRead() {
        return bytesRead.sum();
    }

    private record CountingFactory(FileSystemFactory delegate, LongAdder counter) implements FileSystemFactory {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Set<String> schemes() {
            return delegate.schemes();
        }

        @Override
        public FileSystem create(Map<String, String> options) {
            return new CountingFileSystem(delegate.create(options), counter);
        }
    }

    private record CountingFileSystem(FileSystem delegate, LongAdder counter) implements FileSystem {
        @Override
        public Set<Capability> capabilities() {
            return delegate.capabilities();
        }

        @Override
        public Optional<FileEntry> stat(Location location) throws IOException {
            return delegate.stat(location);
        }

        @Override
        public List<FileEntry> list(Location folder) throws IOException {
            return delegate.list(folder);
        }

        @Override
        public List<FileEntry> listTree(Location folder) throws IOException {
            return delegate.listTree(folder);
        }

        @Override
        public InputStream openRead(Location location) throws IOException {
            return new CountingInput(delegate.openRead(location), counter);
        }

        @Override
        public SeekableInput openSeekable(Location location) throws IOException {
            SeekableInput in = delegate.openSeekable(location);
            return new SeekableInput() {
                @Override
                public long length() throws IOException {
                    return in.length();
                }

                @Override
                public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(position, buffer, offset, length);
                    if (n > 0) {
                        counter.add(n);
                    }
                    return n;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        @Override
        public OutputStream create(Location location) throws IOException {
            return delegate.create(location);
        }

        @Override
        public void createExclusive(Location location, byte[] content) throws IOException {
            delegate.createExclusive(location, content);
        }

        @Override
        public void rename(Location source, Location target) throws IOException {
            delegate.rename(source, target);
        }

        @Override
        public boolean delete(Location location) throws IOException {
            return delegate.delete(location);
        }

        @Override
        public Optional<FileLock> tryLock(Location location) throws IOException {
            return delegate.tryLock(location);
        }

        @Override
        public void createFolders(Location folder) throws IOException {
            delegate.createFolders(folder);
        }

        @Override
        public Optional<java.nio.file.Path> localPath(Location location) {
            return delegate.localPath(location);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    private static final class CountingInput extends FilterInputStream {
        private final LongAdder counter;

        CountingInput(InputStream in, LongAdder counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counter.increment();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                counter.add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            counter.add(skipped);
            return skipped;
        }
    }
}
