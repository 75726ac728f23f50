package org.datahandle.db;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import org.datahandle.DataFormatException;

/**
 * Database errors as DataHandle errors: a value that does not fit its column (SQLState class 22)
 * is a {@link DataFormatException} naming the table; everything else is an {@link IOException}
 * with the engine's message and SQLState, and a hint for the usual causes (login refused, server
 * down, disk full).
 */
final class SqlErrors {
    private SqlErrors() {}

    /** Throws the DataFormatException for data errors, else returns the IOException to throw. */
    static IOException translate(String what, URI table, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("22")) {
            throw new DataFormatException(what + ": a value does not fit its column: " + message(e), table, -1, -1, e);
        }
        return new IOException(what + ": " + message(e) + hint(e), e);
    }

    static String message(SQLException e) {
        return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }

    private static String hint(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (state.equals("28000") || state.equals("28P01") || e.getErrorCode() == 1045 || m.contains("access denied")
                || m.contains("password authentication failed")) {
            return "; the server refused the login: check the catalog options <engine>.user and <engine>.password"
                    + " or DATAHANDLE_<ENGINE>_USER/_PASSWORD";
        }
        if (state.startsWith("08") || m.contains("connection refused") || m.contains("could not connect")) {
            return "; the server cannot be reached (down, wrong host or port, or the connection dropped)";
        }
        if (state.equals("53100") || e.getErrorCode() == 1114 || e.getErrorCode() == 1021 || m.contains("disk is full")
                || m.contains("disk full") || m.contains("table is full")) {
            return "; the database server is out of disk space";
        }
        return "";
    }
}
