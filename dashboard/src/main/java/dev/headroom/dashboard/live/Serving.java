package dev.headroom.dashboard.live;

import dev.headroom.probe.live.ModelRuntime;
import java.util.List;

/**
 * Why a watched deployment counts as served on this host.
 *
 * @param runtime the runtime serving it
 * @param pids the server processes, at most {@link ServingDetector#MAX_PIDS}
 * @param heldBytes device and unreclaimable host memory those processes hold together
 * @param namedInCommandLine true when a process's command line names the model; false when the evidence is
 *        memory alone (processes that name no watched model hold at least the deployment's weights)
 */
public record Serving(ModelRuntime runtime, List<Long> pids, long heldBytes, boolean namedInCommandLine) {
    public Serving {
        pids = List.copyOf(pids);
    }
}
