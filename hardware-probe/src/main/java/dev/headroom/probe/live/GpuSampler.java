package dev.headroom.probe.live;

import java.util.List;

/** Reads the GPUs' memory use and utilisation; an empty list on machines without GPUs. */
@FunctionalInterface
public interface GpuSampler {
    /** A sampler for machines without GPUs: costs nothing. */
    GpuSampler NONE = List::of;

    List<GpuSample> sample();
}
