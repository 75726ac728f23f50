package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.formats.csv.CsvCodecFactory;
import org.datahandle.formats.parquet.ParquetCodecFactory;
import org.datahandle.fs.local.LocalFileSystemFactory;
import org.datahandle.infer.DefaultDiskInference;
import org.datahandle.testing.AbstractCodecContractTest;
import org.junit.jupiter.api.Test;

/**
 * The API boundary, machine-checked: providers and tools use only {@code org.datahandle},
 * {@code .spi} and {@code .table} of core, never {@code org.datahandle.internal}, which may change
 * in any release. Every module built before this one is checked (its compiled classes), plus the
 * modules on this module's class path (as compiled classes or as jars).
 */
class ApiBoundaryTest {
    private static final byte[] INTERNAL = "org/datahandle/internal/".getBytes(StandardCharsets.US_ASCII);

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noModuleButCoreUsesCoreInternals() throws IOException {
        Path core = classesOf(Catalog.class);
        List<Path> roots = new ArrayList<>(List.of(classesOf(DefaultDiskInference.class), classesOf(CsvCodecFactory.class),
                classesOf(ParquetCodecFactory.class), classesOf(LocalFileSystemFactory.class),
                classesOf(AbstractCodecContractTest.class)));
        // sibling modules of the reactor that are built already (the HDFS and S3 adapters, new modules)
        Path repository = Path.of("").toAbsolutePath().getParent();
        try (Stream<Path> modules = Files.list(repository)) {
            modules.map(m -> m.resolve("target/classes")).filter(Files::isDirectory)
                    .filter(c -> !c.toAbsolutePath().equals(core.toAbsolutePath()))
                    .filter(c -> !Files.exists(c.resolve("org/datahandle/Catalog.class"))) // core itself
                    .filter(c -> roots.stream().noneMatch(r -> r.toAbsolutePath().equals(c.toAbsolutePath())))
                    .forEach(roots::add);
        }
        List<String> offenders = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                        if (contains(read(f), INTERNAL)) {
                            offenders.add(root.relativize(f) + " in " + root);
                        }
                    });
                }
            } else {
                // the reactor hands a packaged module as its jar
                try (JarFile jar = new JarFile(root.toFile())) {
                    for (JarEntry e : java.util.Collections.list(jar.entries())) {
                        if (e.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                if (contains(in.readAllBytes(), INTERNAL)) {
                                    offenders.add(e.getName() + " in " + root);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(roots).hasSizeGreaterThanOrEqualTo(5);
        assertThat(offenders).as("classes outside core that use org.datahandle.internal").isEmpty();
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
