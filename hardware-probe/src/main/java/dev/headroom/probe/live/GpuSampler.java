package dev.headroom.probe.live;

import java.util.List;

/** Reads the GPUs' memory use and utilisation; an empty list on machines without GPUs. */
@FunctionalInterface
public interface GpuSampler {
    /** A sampler for machines without GPUs: costs nothing. */
    GpuSampler NONE = List::of;

    List<GpuSample> sample();

    /**
     * The compute processes on the GPUs as of the last {@link #sample()}, each with the device memory it
     * holds; empty when the source cannot list processes (JCuda, static profiles, no driver tool).
     */
    default List<GpuProcess> processes() {
        return List.of();
    }
}
