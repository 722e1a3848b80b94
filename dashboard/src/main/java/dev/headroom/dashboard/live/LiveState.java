package dev.headroom.dashboard.live;

import dev.headroom.sizing.Estimator;
import java.util.List;

/**
 * Everything the server says about this machine now; immutable, replaced once per sample.
 *
 * @param sample the latest reading
 * @param estimator the engine configured with the memory free at that reading
 * @param fit the "what fits now" table (recomputed only when free memory moved)
 * @param fitVersion increases each time {@code fit} is recomputed
 * @param watch the watch list sized at that reading
 * @param sequence increases with every sample
 */
public record LiveState(HostSample sample, Estimator estimator, FitTable fit, long fitVersion, List<WatchResult> watch,
                        long sequence) {
    public LiveState {
        if (sample == null || estimator == null || fit == null) {
            throw new IllegalArgumentException("sample, estimator and fit are required");
        }
        watch = List.copyOf(watch);
    }
}
