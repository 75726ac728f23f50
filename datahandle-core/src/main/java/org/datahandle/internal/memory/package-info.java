/**
 * Not API. Conversions between the memory formats: table, rows, JSON, matrix and object.
 */
package org.datahandle.internal.memory;
