package org.datahandle.formats.arrow;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.datahandle.table.DataType;

/**
 * One field of an Arrow schema as this module reads it: the Arrow physical layout ({@link #kind()}
 * and its parameters), the children, an optional dictionary encoding, and the {@link DataType} the
 * column gets in a {@code Table}.
 *
 * @param bitWidth integer and decimal width in bits
 * @param signed whether an integer is signed
 * @param unit the time unit of a timestamp ({@code TimeUnit}) or date ({@code DateUnit}), the precision of a
 *     floating-point number ({@code Precision})
 * @param width byte width of a fixed-size binary, list size of a fixed-size list
 * @param dictionary the dictionary id and index type when the field is dictionary-encoded
 */
record IpcField(String name, boolean nullable, Kind kind, int bitWidth, boolean signed, int unit, int width,
        List<IpcField> children, Optional<Dictionary> dictionary, DataType dataType) {

    IpcField {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        children = List.copyOf(children);
        requireNonNull(dictionary, "dictionary is null");
        requireNonNull(dataType, "dataType is null");
    }

    /** The same field without its dictionary encoding: the layout of the dictionary's values. */
    IpcField valuesField() {
        return new IpcField(name, nullable, kind, bitWidth, signed, unit, width, children, Optional.empty(), dataType);
    }

    /** Arrow's physical layouts that map to a {@code Table} column. */
    enum Kind {
        NULL, BOOL, INT, FLOAT, UTF8, LARGE_UTF8, BINARY, LARGE_BINARY, FIXED_BINARY, DATE, TIMESTAMP, DECIMAL,
        LIST, LARGE_LIST, FIXED_LIST, MAP, STRUCT
    }

    /** A dictionary encoding: the id of the dictionary batches and the width and sign of the indices. */
    record Dictionary(long id, int indexBitWidth, boolean indexSigned) {}
}
