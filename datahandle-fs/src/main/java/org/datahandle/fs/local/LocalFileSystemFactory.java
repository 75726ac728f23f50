package org.datahandle.fs.local;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.FileSystemFactory;

/**
 * The {@code local} file system: {@code file:} locations on the machine's own disks, through
 * {@code java.nio} only (no Hadoop classes are loaded).
 */
public final class LocalFileSystemFactory implements FileSystemFactory {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    /** The local file system has no options; the options meant for other file systems are ignored. */
    @Override
    public FileSystem create(Map<String, String> options) {
        return new LocalFileSystem();
    }
}
