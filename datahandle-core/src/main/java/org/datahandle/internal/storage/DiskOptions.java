package org.datahandle.internal.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.datahandle.DiskSpec;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.spi.Registry;

/**
 * Splits {@code disk.options} between the compression (the keys it names, such as {@code level})
 * and the format's codec (every other key), so one YAML map configures both.
 */
public final class DiskOptions {
    private DiskOptions() {}

    /** The option names the handle's compression reads; empty for {@code none} or an unregistered one. */
    public static Set<String> compressionNames(DiskSpec spec, Registry registry) {
        return registry.compression(spec.compression()).map(CompressionCodec::optionNames).orElse(Set.of());
    }

    public static Map<String, Object> forCompression(DiskSpec spec, Registry registry) {
        Set<String> names = compressionNames(spec, registry);
        Map<String, Object> result = new LinkedHashMap<>();
        spec.options().forEach((k, v) -> {
            if (names.contains(k)) {
                result.put(k, v);
            }
        });
        return result;
    }

    public static Map<String, Object> forCodec(DiskSpec spec, Registry registry) {
        Set<String> names = compressionNames(spec, registry);
        Map<String, Object> result = new LinkedHashMap<>();
        spec.options().forEach((k, v) -> {
            if (!names.contains(k)) {
                result.put(k, v);
            }
        });
        return result;
    }
}
