package dev.headroom.probe.live;

/**
 * A cheap reading of the live values of this machine. Called once per sample interval by
 * {@link LiveSampler}, from a single thread; it must return within a fraction of that interval.
 * Implementations may throw: the sampler counts the error and keeps the previous state.
 */
@FunctionalInterface
public interface HostSampler {
    HostSample sample();
}
