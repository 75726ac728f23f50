package org.datahandle.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Commit records of tables: one row per published table in {@code _datahandle_commits}, in the
 * same database (and schema) as the table, keyed by table name so inserting one is an exclusive
 * create. Columns: table name, handle, the engine's table identity, row count, columns (JSON),
 * publication time, writer, record version.
 */
final class Records {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record. */
    record Row(String table, String handle, String identity, long rows, List<ColumnInfo> columns, Instant published,
            String writer) {}

    private final Dialect dialect;

    Records(Dialect dialect) {
        this.dialect = dialect;
    }

    void ensureTable(Connection c, TableName table) throws SQLException {
        TableName records = dialect.recordTable(table);
        if (dialect.identity(c, records).isPresent()) {
            return;
        }
        try {
            Dialect.exec(c, "CREATE TABLE IF NOT EXISTS " + dialect.quote(records) + " (table_name VARCHAR(255) NOT NULL"
                    + " PRIMARY KEY, handle VARCHAR(255) NOT NULL, table_identity VARCHAR(255) NOT NULL, row_count BIGINT"
                    + " NOT NULL, columns TEXT NOT NULL, published VARCHAR(40) NOT NULL, writer VARCHAR(255) NOT NULL,"
                    + " version INT NOT NULL)");
        } catch (SQLException e) {
            // two first writers racing to create it (PostgreSQL reports a unique violation): fine if it exists now
            if (dialect.identity(c, records).isEmpty()) {
                throw e;
            }
        }
    }

    Optional<Row> find(Connection c, TableName table) throws SQLException {
        TableName records = dialect.recordTable(table);
        if (dialect.identity(c, records).isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT handle, table_identity, row_count, columns, published,"
                + " writer FROM " + dialect.quote(records) + " WHERE table_name = ?")) {
            ps.setString(1, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(table.name(), rs.getString(1), rs.getString(2), rs.getLong(3),
                        columns(rs.getString(4)), Instant.parse(rs.getString(5)), rs.getString(6)));
            }
        }
    }

    /** Replaces the table's record (a stale one, left by a table dropped behind our back, goes). */
    void put(Connection c, TableName table, Row row) throws SQLException {
        delete(c, table);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + dialect.quote(dialect.recordTable(table))
                + " (table_name, handle, table_identity, row_count, columns, published, writer, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, table.name());
            ps.setString(2, row.handle());
            ps.setString(3, row.identity());
            ps.setLong(4, row.rows());
            ps.setString(5, json(row.columns()));
            ps.setString(6, row.published().toString());
            ps.setString(7, row.writer());
            ps.setInt(8, VERSION);
            ps.executeUpdate();
        }
    }

    void delete(Connection c, TableName table) throws SQLException {
        TableName records = dialect.recordTable(table);
        if (dialect.identity(c, records).isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + dialect.quote(records) + " WHERE table_name = ?")) {
            ps.setString(1, table.name());
            ps.executeUpdate();
        }
    }

    private static String json(List<ColumnInfo> columns) {
        try {
            return JSON.writeValueAsString(columns);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("column names and types always serialise", e);
        }
    }

    private static List<ColumnInfo> columns(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<List<ColumnInfo>>() {});
        } catch (JsonProcessingException e) {
            throw new SQLException("a commit record's columns are not valid JSON: " + e.getOriginalMessage(), "XX001", e);
        }
    }
}
