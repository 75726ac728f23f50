/**
 * The benchmark harness behind {@code docs/performance.md}: each case in a fresh JVM, side by side
 * with the peer on the same file. Not a test: it never runs during {@code mvn verify}.
 */
package org.datahandle.bench;
