package org.datahandle.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class TableLocationTest {

    @Test
    void theFragmentIsTheTableAndTheRestTheDatabase() throws Exception {
        TableLocation l = TableLocation.of(new URI("postgresql", "db:5432", "/genomics", null, "analysis.pca"));
        assertThat(l.scheme()).isEqualTo("postgresql");
        assertThat(l.table()).isEqualTo("analysis.pca");
        assertThat(l.database()).isEqualTo(URI.create("postgresql://db:5432/genomics"));
        assertThat(l.withTable("_dh_1 \"x\"").table()).isEqualTo("_dh_1 \"x\"");
        assertThat(l.withTable("_dh_1").database()).isEqualTo(l.database());
    }

    @Test
    void credentialsAndMissingTablesAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> TableLocation.of(URI.create("mariadb://u:s3cret@db/g#t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> TableLocation.of(URI.create("mariadb://db/g")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#table");
        assertThatThrownBy(() -> TableLocation.of(URI.create("relative#t")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
