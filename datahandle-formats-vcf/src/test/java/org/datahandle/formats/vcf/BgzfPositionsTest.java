package org.datahandle.formats.vcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.datahandle.formats.compress.BgzfCodec;
import org.datahandle.formats.compress.BgzfPositions;
import org.datahandle.testing.LocalCodecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Positions taken while writing BGZF on several threads become virtual offsets that find the same bytes. */
class BgzfPositionsTest {
    @TempDir
    Path dir;

    @Test
    void everyRecordIsFoundAtItsVirtualOffset() throws Exception {
        Path file = dir.resolve("lines.bgz");
        Random random = new Random(3);
        List<String> lines = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        BgzfPositions p;
        try (OutputStream out = new BgzfCodec().compress(Files.newOutputStream(file), Map.of(BgzfCodec.THREADS, 2))) {
            p = (BgzfPositions) out;
            for (int i = 0; i < 20_000; i++) {
                String line = "line " + i + " " + "x".repeat(random.nextInt(300)) + "\n";
                positions.add(p.position());
                out.write(line.getBytes(StandardCharsets.US_ASCII));
                lines.add(line);
            }
        }
        VcfErrors errors = new VcfErrors("h", org.datahandle.spi.Location.of(file));
        try (var input = LocalCodecFiles.plain("h").source(file).openSeekable()) {
            BgzfReader reader = new BgzfReader(input, errors);
            for (int i = 0; i < lines.size(); i += 997) {
                long voff = p.virtualOffset(positions.get(i));
                LineReader r = new LineReader(reader.from(voff), errors, 1);
                assertThat(r.next()).isTrue();
                assertThat(r.text() + "\n").as("line %d at %x", i, voff).isEqualTo(lines.get(i));
            }
        }
    }
}
