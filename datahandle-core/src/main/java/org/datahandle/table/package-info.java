/**
 * {@link org.datahandle.table.Table}: immutable, columnar data with a {@link org.datahandle.table.Schema}
 * of typed fields, one column class per physical kind (primitive arrays, null bitmaps, UTF-8 bytes
 * with offsets for strings), and builders that codecs fill without boxing.
 */
@NullMarked
package org.datahandle.table;

import org.jspecify.annotations.NullMarked;
