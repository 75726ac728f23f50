package org.datahandle.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.datahandle.testing.AbstractTableStoreContractTest;
import org.datahandle.testing.db.PostgresServer;

class PostgresContractTest extends AbstractTableStoreContractTest {

    @Override
    protected String tableUri(String table) {
        return PostgresServer.get().tableUri(table);
    }

    @Override
    protected Map<String, String> catalogOptions() {
        return PostgresServer.get().catalogOptions();
    }

    @Override
    protected Connection externalConnection() throws SQLException {
        return DriverManager.getConnection(PostgresServer.get().jdbcUrl());
    }

    @Override
    protected String unmappableColumnType() {
        return "point";
    }
}
