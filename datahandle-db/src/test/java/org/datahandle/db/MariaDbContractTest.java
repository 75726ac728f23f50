package org.datahandle.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.datahandle.testing.AbstractTableStoreContractTest;
import org.datahandle.testing.db.MariaDbServer;

class MariaDbContractTest extends AbstractTableStoreContractTest {

    @Override
    protected String tableUri(String table) {
        return MariaDbServer.get().tableUri(table);
    }

    @Override
    protected Map<String, String> catalogOptions() {
        return MariaDbServer.get().catalogOptions();
    }

    @Override
    protected Connection externalConnection() throws SQLException {
        return DriverManager.getConnection(MariaDbServer.get().jdbcUrl());
    }

    @Override
    protected String unmappableColumnType() {
        return "GEOMETRY";
    }
}
