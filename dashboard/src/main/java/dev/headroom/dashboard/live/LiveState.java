package dev.headroom.dashboard.live;

import dev.headroom.probe.live.HostSample;
import dev.headroom.advisor.Machine;
import java.util.List;

/**
 * Everything the server says about this machine now; immutable, replaced once per sample.
 *
 * @param sample the latest reading
 * @param machine the machine with the memory free at that reading (enriched by the advisor)
 * @param fit the "what fits now" table (recomputed only when free memory moved)
 * @param fitVersion increases each time {@code fit} is recomputed
 * @param watch the watch list sized at that reading
 * @param sequence increases with every sample
 */
public record LiveState(HostSample sample, Machine machine, FitTable fit, long fitVersion, List<WatchResult> watch,
                        long sequence) {
    public LiveState {
        if (sample == null || machine == null || fit == null) {
            throw new IllegalArgumentException("sample, machine and fit are required");
        }
        watch = List.copyOf(watch);
    }
}
