package org.datahandle.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.datahandle.table.DataType;
import org.junit.jupiter.api.Test;

class TextTypesTest {

    @Test
    void theMostSpecificCandidateLeftNamesTheType() {
        assertThat(TextTypes.typeOf(TextTypes.ALL, true)).isEqualTo(DataType.BOOLEAN);
        assertThat(TextTypes.typeOf(TextTypes.INT32 | TextTypes.INT64 | TextTypes.FLOAT64, true))
                .isEqualTo(DataType.INT32);
        assertThat(TextTypes.typeOf(TextTypes.INT64 | TextTypes.FLOAT64, true)).isEqualTo(DataType.INT64);
        assertThat(TextTypes.typeOf(TextTypes.FLOAT64, true)).isEqualTo(DataType.FLOAT64);
        assertThat(TextTypes.typeOf(TextTypes.DATE | TextTypes.TIMESTAMP, true)).isEqualTo(DataType.DATE);
        assertThat(TextTypes.typeOf(TextTypes.TIMESTAMP | TextTypes.TIMESTAMP_LOCAL, true))
                .isEqualTo(DataType.TIMESTAMP);
        assertThat(TextTypes.typeOf(TextTypes.TIMESTAMP_LOCAL, true)).isEqualTo(DataType.TIMESTAMP_LOCAL);
    }

    @Test
    void noCandidateOrNoValueIsString() {
        assertThat(TextTypes.typeOf(0, true)).isEqualTo(DataType.STRING);
        assertThat(TextTypes.typeOf(TextTypes.ALL, false)).isEqualTo(DataType.STRING);
        assertThat(TextTypes.typeOf(1 << 20, true)).isEqualTo(DataType.STRING);
    }
}
