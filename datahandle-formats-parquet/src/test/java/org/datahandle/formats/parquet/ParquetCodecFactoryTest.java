package org.datahandle.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.datahandle.MemoryFormat;
import org.datahandle.spi.CodecFactory;
import org.datahandle.spi.FileFormat;
import org.datahandle.spi.FormatProvider;
import org.datahandle.spi.Registry;
import org.junit.jupiter.api.Test;

class ParquetCodecFactoryTest {

    @Test
    void isFoundByServiceLoaderAndServesTheParquetFormat() {
        List<CodecFactory> found = ServiceLoader.load(CodecFactory.class, getClass().getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.format().equals("parquet"))
                .toList();
        assertThat(found).singleElement().isInstanceOf(ParquetCodecFactory.class);

        FormatProvider parquet = () -> List.of(new FileFormat("parquet", List.of(".parquet", ".pq"),
                MemoryFormat.TABLE, true, java.util.Optional.of("org.datahandle:datahandle-formats-parquet")));
        Registry registry = Registry.builder().register(parquet).register(found.get(0)).build();
        assertThat(registry.requireCodec("parquet", "h")).isSameAs(found.get(0));
    }

    @Test
    void optionsHaveDefaultsAndAreValidated() {
        ParquetCodecFactory factory = new ParquetCodecFactory();
        assertThat(factory.optionNames()).containsExactlyInAnyOrder("compression", "rowGroupSize", "pageSize",
                "binaryAsString");
        assertThat(ParquetOptions.parse(Map.of())).isEqualTo(ParquetOptions.defaults());
        assertThat(ParquetOptions.parse(Map.of("compression", "ZSTD", "rowGroupSize", 1000L, "pageSize", "512")))
                .isEqualTo(new ParquetOptions(CompressionCodecName.ZSTD, 1000, 512));
        assertThat(ParquetOptions.parse(Map.of("compression", "none")).compression())
                .isEqualTo(CompressionCodecName.UNCOMPRESSED);

        assertThat(ParquetOptions.parse(Map.of("compression", "lz4")).compression()).isEqualTo(CompressionCodecName.LZ4);
        assertThat(ParquetOptions.parse(Map.of("compression", "LZ4_RAW")).compression())
                .isEqualTo(CompressionCodecName.LZ4_RAW);
        assertThat(ParquetOptions.parse(Map.of("binaryAsString", true)).binaryAsString()).isTrue();
        assertThat(ParquetOptions.parse(Map.of("binaryAsString", "false")).binaryAsString()).isFalse();
        assertThat(ParquetOptions.parse(Map.of()).binaryAsString()).isFalse();
        assertThatThrownBy(() -> factory.create(Map.of("binaryAsString", "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'binaryAsString'")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> factory.create(Map.of("compression", "brotli")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("brotli is read but cannot be written");
        assertThatThrownBy(() -> factory.create(Map.of("compression", "lzo")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'compression'")
                .hasMessageContaining("lzo").hasMessageContaining("snappy");
        assertThatThrownBy(() -> factory.create(Map.of("rowGroupSize", -5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rowGroupSize'");
        assertThatThrownBy(() -> factory.create(Map.of("pageSize", "1MB")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pageSize'");
        assertThatThrownBy(() -> factory.create(Map.of("pageSize", 3_000_000_000L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pageSize'");
        assertThatThrownBy(() -> factory.create(Map.of("rowgroupsize", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rowgroupsize'");
    }

    @Test
    void halfFloatsDecodeExactly() {
        assertThat(Leaves.halfToFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(Leaves.halfToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(Leaves.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(Leaves.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Leaves.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Leaves.halfToFloat((short) 0x7E00)).isNaN();
        assertThat(Float.floatToIntBits(Leaves.halfToFloat((short) 0x8000))).isEqualTo(Float.floatToIntBits(-0.0f));
    }
}
