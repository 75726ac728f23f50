package org.datahandle.libdeflate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads the JNI library that the build put into the jar under
 * {@code META-INF/native/linux-x86_64/}: copied to a temporary file (a library cannot be loaded
 * from inside a jar), loaded, and the file deleted at once (Linux keeps a loaded library mapped).
 * A copy per class loader, so two class loaders never fight over one loaded file.
 */
final class NativeLibrary {

    static final String PLATFORM = "linux-x86_64";
    static final String FILE = "libdatahandle_libdeflate.so";

    private NativeLibrary() {}

    /** Loaded once per class loader; the answer (empty, or why not) is kept. */
    private static final class Holder {
        static final Optional<String> PROBLEM = load();
    }

    /** Why the library cannot be used in this process, or empty once it is loaded. */
    static Optional<String> problem() {
        return Holder.PROBLEM;
    }

    private static Optional<String> load() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.of("the native library is built for " + PLATFORM + " only, this is " + os + "/" + arch);
        }
        String resource = "/META-INF/native/" + PLATFORM + "/" + FILE;
        Path copy = null;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.of("the jar holds no " + resource
                        + " (it was built without gcc or libdeflate-dev; see docs/compressions.md)");
            }
            copy = Files.createTempFile("datahandle-libdeflate-", ".so");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            System.load(copy.toAbsolutePath().toString());
            String version = Native.version();
            if (version.isEmpty()) {
                return Optional.of("the native library reports no libdeflate version");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot copy the native library to a temporary file: " + e);
        } catch (UnsatisfiedLinkError | SecurityException e) {
            return Optional.of("cannot load the native library: " + e.getMessage()
                    + " (it needs libdeflate.so.0, Debian/Ubuntu package libdeflate0, and a java.io.tmpdir"
                    + " that allows executable mappings)");
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    copy.toFile().deleteOnExit();
                }
            }
        }
    }
}
