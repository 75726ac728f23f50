package org.datahandle.formats.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import org.datahandle.formats.BuiltInFormats;
import org.datahandle.spi.CodecFactory;
import org.datahandle.spi.FileFormat;
import org.junit.jupiter.api.Test;

class RegistrationTest {
    @Test
    void bothCodecsAreFoundByServiceLoaderBesideCsv() {
        List<String> formats = ServiceLoader.load(CodecFactory.class, getClass().getClassLoader()).stream()
                .map(p -> p.get().format()).toList();
        assertThat(formats).contains("json", "jsonl", "csv", "tsv");
    }

    @Test
    void formatsNameThisArtifactAsTheirCodec() {
        for (FileFormat f : new BuiltInFormats().formats()) {
            if (f.name().startsWith("json")) {
                assertThat(f.codecArtifact()).as(f.name()).hasValue("org.datahandle:datahandle-formats");
            }
        }
    }
}
