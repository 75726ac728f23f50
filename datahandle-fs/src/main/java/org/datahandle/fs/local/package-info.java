/**
 * The local file system on plain {@code java.nio}: atomic rename, exclusive create through hard
 * links, and OS file locks that die with their process.
 */
package org.datahandle.fs.local;
