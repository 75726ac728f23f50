package org.datahandle.formats.vcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.spi.Location;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.SeekableInput;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Region queries through .tbi/.csi indexes, against tabix and bcftools. */
class VcfRegionTest {
    @TempDir
    Path dir;

    private static Path hiSeq() {
        return Vcf.corpus().resolve("htsjdk/HiSeq.10000.vcf.bgz");
    }

    private static List<Long> positions(Table t) {
        List<Long> p = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            p.add((Long) t.get(r, "pos"));
        }
        return p;
    }

    private List<Long> tabixPositions(Path file, String... regions) {
        List<String> args = new ArrayList<>(List.of("tabix", file.toString()));
        args.addAll(List.of(regions));
        return Vcf.run(dir, args.toArray(String[]::new)).stream().map(l -> Long.parseLong(l.split("\t")[1])).toList();
    }

    @Test
    void htsjdksIndexAnswersAsTabixDoes() {
        Vcf.assumeTool("tabix");
        Table t = Vcf.read(hiSeq(), Map.of("regions", List.of("chr1:1000000-2000000")));
        assertThat(t.rowCount()).isEqualTo(1490); // the count the research measured with htsjdk and tabix
        assertThat(positions(t)).isEqualTo(tabixPositions(hiSeq(), "chr1:1000000-2000000"));
    }

    @Test
    void severalRegionsComeOnceEachInFileOrder() {
        Vcf.assumeTool("tabix");
        List<String> regions = List.of("chr1:5000000-5100000", "chr1:1000000-1001000", "chr1:5050000-5200000",
                "chr1:199000000-", "chrUn:1-100");
        Table t = Vcf.read(hiSeq(), Map.of("regions", regions, "layout", "sites"));
        List<Long> expected = tabixPositions(hiSeq(), "chr1:1000000-1001000", "chr1:5000000-5200000",
                "chr1:199000000");
        assertThat(positions(t)).isEqualTo(expected.stream().distinct().sorted().toList());
    }

    @Test
    void aRegionReadTouchesOnlyTheBlocksItNeeds() throws IOException {
        AtomicLong bytes = new AtomicLong();
        ReadSource counting = counting(LocalCodecFiles.plain("calls").source(hiSeq()), bytes);
        VcfCodec codec = (VcfCodec) new VcfCodecFactory().create(Map.of("regions", List.of("chr1:1000000-1010000")));
        Table t;
        try (TableReader r = codec.openReader(List.of(counting))) {
            t = r.readAll();
        }
        assertThat(t.rowCount()).isPositive();
        long size = Files.size(hiSeq());
        // the header's block and the region's two blocks, in read windows of 32-64 KiB (131,090 bytes
        // when written); a scan would read all 509,250
        assertThat(bytes.get()).isLessThan(size / 3);
    }

    /** A source whose raw reads are counted. */
    private static ReadSource counting(ReadSource source, AtomicLong bytes) {
        return new ReadSource() {
            @Override
            public String handleId() {
                return source.handleId();
            }

            @Override
            public Location location() {
                return source.location();
            }

            @Override
            public InputStream open() throws IOException {
                throw new AssertionError("a region read with an index must not scan the file");
            }

            @Override
            public SeekableInput openSeekable() throws IOException {
                SeekableInput in = source.openSeekable();
                return new SeekableInput() {
                    @Override
                    public long length() throws IOException {
                        return in.length();
                    }

                    @Override
                    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(position, buffer, offset, length);
                        bytes.addAndGet(Math.max(0, n));
                        return n;
                    }

                    @Override
                    public void close() throws IOException {
                        in.close();
                    }
                };
            }

            @Override
            public Optional<InputStream> openSidecar(String suffix) throws IOException {
                return source.openSidecar(suffix);
            }
        };
    }

    @Test
    void withoutAnIndexTheFileIsScannedForTheSameRecords() throws IOException {
        Path copy = dir.resolve("noindex.vcf.bgz");
        Files.copy(hiSeq(), copy);
        Map<String, Object> options = Map.of("regions", List.of("chr1:1000000-2000000"));
        assertThat(positions(Vcf.read(copy, options))).isEqualTo(positions(Vcf.read(hiSeq(), options)));
        Path plain = dir.resolve("plain.vcf");
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(hiSeq()))) {
            Files.write(plain, in.readAllBytes());
        }
        assertThat(Vcf.read(plain, options).rowCount()).isEqualTo(1490);
    }

    @Test
    void aCsiIndexWorksToo() throws IOException {
        Vcf.assumeTool("bcftools");
        Path file = dir.resolve("calls.vcf.bgz");
        SyntheticVcf.write(dir.resolve("in.vcf"), List.of("chr1", "chr2"), 2000, 3, 7);
        Vcf.run(dir, "bcftools", "view", "-Oz", "-o", file.toString(), "in.vcf");
        Vcf.run(dir, "bcftools", "index", "--csi", file.toString());
        assertThat(dir.resolve("calls.vcf.bgz.csi")).exists();
        for (String region : List.of("chr1:50000-90000", "chr2:1-3000", "chr2:300000-")) {
            List<Long> expected = Vcf.run(dir, "bcftools", "view", "-H", "-r", region, file.toString()).stream()
                    .map(l -> Long.parseLong(l.split("\t")[1])).toList();
            Table t = Vcf.read(file, Map.of("regions", List.of(region)));
            assertThat(positions(t)).as(region).isEqualTo(expected).isNotEmpty();
        }
    }

    @Test
    void anIndexOfAnotherFileIsAnError() throws IOException {
        Path file = dir.resolve("calls.vcf.bgz");
        Files.copy(hiSeq(), file);
        // a valid index, of a different file
        SyntheticVcf.write(dir.resolve("other.vcf"), List.of("chr1"), 20000, 2, 3);
        Table other = Vcf.read(dir.resolve("other.vcf"));
        try (Catalog c = Vcf.catalog(dir, Vcf.yaml("o", "other.vcf.bgz", Map.of()))) {
            c.get("o").write(other);
        }
        Files.copy(dir.resolve("other.vcf.bgz.tbi"), dir.resolve("calls.vcf.bgz.tbi"));
        assertThatThrownBy(() -> Vcf.read(file, Map.of("regions", List.of("chr1:1000000-3000000"))))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("handle 'calls'")
                .hasMessageContaining("calls.vcf.bgz").hasMessageContaining("does not match");
    }

    @Test
    void aCorruptIndexIsAnError() throws IOException {
        Path file = dir.resolve("calls.vcf.bgz");
        Files.copy(hiSeq(), file);
        Files.write(dir.resolve("calls.vcf.bgz.tbi"), "not an index".getBytes());
        assertThatThrownBy(() -> Vcf.read(file, Map.of("regions", List.of("chr1:1-2"))))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("calls.vcf.bgz.tbi");
    }

    @Test
    void badRegionsAreOptionErrors() {
        for (String bad : List.of("chr1:abc", "chr1:500-100", ":1-5", "chr1:0-5")) {
            assertThatThrownBy(() -> Vcf.read(hiSeq(), Map.of("regions", List.of(bad))))
                    .as(bad).hasMessageContaining("region");
        }
    }
}
