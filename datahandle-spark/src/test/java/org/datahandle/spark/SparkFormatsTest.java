package org.datahandle.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.UnsupportedFormatException;
import org.junit.jupiter.api.Test;

/** The CSV options Spark's reader is not given are refused, not dropped (no Spark session needed). */
class SparkFormatsTest {
    private static DiskSpec csv(Map<String, Object> options) {
        DiskPath path = new DiskPath("x.csv", URI.create("file:///tmp/x.csv"), "local", "csv", "none");
        return new DiskSpec(List.of(path), "csv", "none", "local", Optional.empty(), options);
    }

    @Test
    void optionsOfRealWorldFilesAreRefusedNamingTheOption() {
        for (String option : SparkFormats.NOT_MAPPED) {
            assertThatThrownBy(() -> SparkFormats.of("h", csv(Map.of(option, "x"))))
                    .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("handle 'h'")
                    .hasMessageContaining("'" + option + "'");
        }
        assertThat(SparkFormats.of("h", csv(Map.of("delimiter", ";"))).options()).containsEntry("sep", ";");
    }
}
