package org.datahandle.internal.yaml;

import static java.util.Objects.requireNonNull;

import org.datahandle.DataHandleSpec;
import org.datahandle.HandleState;

/**
 * One handle as {@link WorkflowWriter} writes it: the inferred spec and the live produced flags.
 *
 * @param spec the handle's spec, everything inferred
 * @param state the handle's state when written
 */
public record SpecWithState(DataHandleSpec spec, HandleState state) {
    public SpecWithState {
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
    }
}
