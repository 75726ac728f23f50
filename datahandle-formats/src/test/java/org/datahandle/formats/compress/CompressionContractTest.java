package org.datahandle.formats.compress;

import com.github.luben.zstd.Zstd;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.testing.AbstractCompressionContractTest;
import org.junit.jupiter.api.Nested;

/** The compression contract for gz, bgz and zst; each codec's own test keeps only what is its own. */
class CompressionContractTest {

    @Nested
    class Gz extends AbstractCompressionContractTest {
        @Override
        protected CompressionCodec codec() {
            return new GzipCodec();
        }

        @Override
        protected String truncationMessageStart() {
            return "truncated gzip input: unexpected end of input at compressed byte offset";
        }

        @Override
        protected int lowestLevel() {
            return 0;
        }

        @Override
        protected int highestLevel() {
            return 9;
        }

        @Override
        protected boolean readsAnyGzipMember() {
            return true;
        }
    }

    @Nested
    class Bgz extends AbstractCompressionContractTest {
        @Override
        protected CompressionCodec codec() {
            return new BgzfCodec();
        }

        @Override
        protected String truncationMessageStart() {
            return "truncated BGZF";
        }

        @Override
        protected int lowestLevel() {
            return 0;
        }

        @Override
        protected int highestLevel() {
            return 9;
        }

        // readsAnyGzipMember() stays false: the BGZF reader still refuses a plain gzip member
        // (BgzfCodecTest.plainGzipIsNotBgzf asserts that refusal, "not BGZF data ... plain gzip"),
        // although gzip -t accepts BGZF blocks followed by one. Checked again after issue 9 landed;
        // reading such members is a change of behaviour of its own, and the change that makes it
        // turns this on (and that test's first assertion off).
    }

    @Nested
    class Zst extends AbstractCompressionContractTest {
        @Override
        protected CompressionCodec codec() {
            return new ZstdCodec();
        }

        @Override
        protected String truncationMessageStart() {
            return "truncated zstd input: unexpected end of input at compressed byte offset";
        }

        @Override
        protected int lowestLevel() {
            return Zstd.minCompressionLevel();
        }

        @Override
        protected int highestLevel() {
            return Zstd.maxCompressionLevel();
        }
    }
}
