package org.datahandle.fs.hdfs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test rows of (id int64, name string, score float64), the name tagged by who wrote them. */
final class Rows {
    private Rows() {}

    static List<Map<String, Object>> of(int n, String tag) {
        List<Map<String, Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", (long) i);
            row.put("name", tag + "-" + i);
            row.put("score", i * 0.5);
            rows.add(row);
        }
        return rows;
    }
}
