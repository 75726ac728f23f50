/**
 * Not API. A handle as written in YAML, between parsing and inference.
 */
package org.datahandle.internal.spec;
