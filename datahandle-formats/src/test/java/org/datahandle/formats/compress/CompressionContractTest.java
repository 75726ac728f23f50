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

        // readsAnyGzipMember() stays false for now: the BGZF reader refuses a plain gzip member after
        // BGZF blocks (BgzfCodecTest.plainGzipIsNotBgzf), although gzip -t accepts such a file. Issue 9
        // makes any sequence of gzip members readable; the change that does turns this on.
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
