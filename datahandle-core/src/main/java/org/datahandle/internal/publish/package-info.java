/**
 * Not API. Publishing a handle's data: the writer lock, staging, atomic rename or in-place writes,
 * and the commit record written last (state-machine rules 11 to 13). It stands on
 * {@code internal.storage} (layout, checks, the record itself) and never on {@code internal.state}.
 */
package org.datahandle.internal.publish;
