/**
 * The {@code datahandle} command: validate, status, infer, head, schema, convert and delete.
 */
package org.datahandle.cli;
