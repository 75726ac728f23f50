/**
 * Database tables as handle storage: {@code sqlite:}, {@code postgresql:} and {@code mariadb:}/
 * {@code mysql:} paths, written once and atomically with a commit record, read as streams of
 * {@code Table} batches. Only the three factories are public; see {@code docs/databases.md}.
 */
package org.datahandle.db;
