/**
 * Not API. Safe YAML loading into declarations with line and column for every value, and the
 * writer behind {@code Catalog.toYaml()}.
 */
package org.datahandle.internal.yaml;
