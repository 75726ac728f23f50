/**
 * Not API. Publishing a handle's data: the writer lock, staging, atomic rename or in-place writes,
 * and the commit record written last (state-machine rules 11 to 13).
 */
package org.datahandle.internal.publish;
