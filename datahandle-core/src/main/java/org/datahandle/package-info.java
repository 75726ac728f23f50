/**
 * The public API: {@link org.datahandle.Catalog}, {@link org.datahandle.DataHandle} and its disk
 * interface, the immutable spec records, {@link org.datahandle.HandleState}, and the exceptions, all
 * under {@link org.datahandle.DataHandleException}. Everything a workflow engine calls lives here.
 */
@NullMarked
package org.datahandle;

import org.jspecify.annotations.NullMarked;
