package org.datahandle.jobs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the jobs folder says about one job now: what it runs and where it is.
 *
 * @param id the job id (unique in its jobs folder; sorts by creation time)
 * @param name the label given in the spec
 * @param command the command line as started, placeholders replaced
 * @param inputs input handle id → the paths the command read
 * @param outputs output handle ids, in spec order
 * @param created when the job was registered
 * @param status its status now
 * @param updated when the status last changed
 */
public record JobInfo(
        String id,
        Optional<String> name,
        List<String> command,
        Map<String, List<String>> inputs,
        List<String> outputs,
        Instant created,
        JobStatus status,
        Instant updated) {

    public JobInfo {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        command = List.copyOf(requireNonNull(command, "command is null"));
        inputs = Map.copyOf(requireNonNull(inputs, "inputs is null"));
        outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
        requireNonNull(created, "created is null");
        requireNonNull(status, "status is null");
        requireNonNull(updated, "updated is null");
    }
}
