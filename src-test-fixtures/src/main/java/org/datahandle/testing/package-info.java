/**
 * Contract suites a third-party provider runs with one test class
 * ({@code AbstractFileSystemContractTest}, {@code AbstractCodecContractTest}), local test files for
 * codecs, sample tables, and the lookup of the shared test corpus.
 */
package org.datahandle.testing;
