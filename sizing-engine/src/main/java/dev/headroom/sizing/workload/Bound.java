package dev.headroom.sizing.workload;

import java.util.Locale;

/** Which term of the roofline sets a workload's time per batch. */
public enum Bound {
    /** FLOPs / achievable compute rate. */
    COMPUTE,
    /** Bytes moved / achievable memory bandwidth. */
    BANDWIDTH,
    /** Fixed per-layer costs (kernel launches, synchronisation): small batches on GPUs. */
    OVERHEAD;

    /** {@code compute}, {@code bandwidth} or {@code overhead}, as the LLM speed model labels its bound. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
