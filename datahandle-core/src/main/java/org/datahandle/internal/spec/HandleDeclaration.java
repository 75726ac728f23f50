package org.datahandle.internal.spec;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.datahandle.spi.DiskDeclaration;
import org.datahandle.spi.Positioned;

/**
 * One handle as written in the workflow YAML, checked for structure (known keys, right types) but
 * not yet inferred.
 *
 * @param id the handle's key
 * @param position where the key is
 * @param disk the {@code disk:} section, if any; absent means a temporary handle
 * @param memoryFormat {@code memory.format}, if given
 * @param memoryIsProduced {@code memory.isProduced}, if given; the catalog ignores it, since memory is never
 *     produced when a process starts (rule 3)
 */
public record HandleDeclaration(
        String id,
        Positioned<String> position,
        Optional<DiskDeclaration> disk,
        Optional<Positioned<String>> memoryFormat,
        Optional<Positioned<Boolean>> memoryIsProduced) {
    public HandleDeclaration {
        requireNonNull(id, "id is null");
        requireNonNull(position, "position is null");
        requireNonNull(disk, "disk is null");
        requireNonNull(memoryFormat, "memoryFormat is null");
        requireNonNull(memoryIsProduced, "memoryIsProduced is null");
    }
}
