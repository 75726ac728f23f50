package org.datahandle.internal.state;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.datahandle.spi.DecoderErrorStream;
import org.datahandle.spi.DiskInference;
import org.datahandle.spi.Location;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.Registry;
import org.datahandle.spi.SeekableInput;

/** One file of a handle as a codec sees it: decompressed, with decoder failures reported as data errors. */
final class DiskSource implements ReadSource {
    private final String handleId;
    private final Location location;
    private final DiskLayout layout;
    private final Registry registry;
    private final DiskInference inference;
    private final Executor executor;

    DiskSource(String handleId, Location location, DiskLayout layout, Registry registry, DiskInference inference,
            Executor executor) {
        this.handleId = handleId;
        this.location = location;
        this.layout = layout;
        this.registry = registry;
        this.inference = inference;
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
        InputStream raw = layout.fileSystem().openRead(location);
        String compression = layout.spec().compression();
        InputStream decoded = CompressionCheck.open(raw, compression, layout.spec().format(), location, registry,
                inference, executor);
        return compression.equals("none") ? decoded : new DecoderErrorStream(decoded, handleId, location);
    }

    @Override
    public SeekableInput openSeekable() throws IOException {
        return layout.fileSystem().openSeekable(location);
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.of(executor);
    }
}
