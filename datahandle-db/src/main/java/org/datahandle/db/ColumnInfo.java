package org.datahandle.db;

/**
 * One column as the commit record keeps it: its name, the DataHandle type it was written as, and
 * the engine's type as the driver reports it. A column whose engine type still matches the record
 * reads back as the recorded type (a MariaDB {@code DATETIME} written from a {@code timestamp} is
 * a {@code timestamp} again); the engine type is what the produced check compares.
 */
record ColumnInfo(String name, String type, String sqlType) {}
