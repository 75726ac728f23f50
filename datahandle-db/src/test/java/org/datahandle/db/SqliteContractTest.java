package org.datahandle.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.datahandle.testing.AbstractTableStoreContractTest;

class SqliteContractTest extends AbstractTableStoreContractTest {

    @Override
    protected String tableUri(String table) {
        return "sqlite:out/results.sqlite#" + table;
    }

    @Override
    protected Map<String, String> catalogOptions() {
        return Map.of();
    }

    @Override
    protected Connection externalConnection() throws SQLException {
        folder.resolve("out").toFile().mkdirs();
        return DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("out/results.sqlite"));
    }

    @Override
    protected String unmappableColumnType() {
        return "GEOMETRY";
    }
}
