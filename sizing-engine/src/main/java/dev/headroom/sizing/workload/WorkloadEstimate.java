package dev.headroom.sizing.workload;

import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.provenance.Sourced;
import java.util.List;

/**
 * Memory and speed of one non-LLM workload on one device.
 *
 * @param model the model's name
 * @param memory weights, activations, KV cache (only for models with an autoregressive decoder) and runtime overhead
 * @param throughput in the domain's unit
 * @param bound which roofline term dominates the time per batch
 * @param secondsPerBatch wall-clock seconds for one batch
 * @param batch inputs per batch
 * @param flopsPerBatch FLOPs of one batch (all passes)
 * @param bytesPerBatch bytes moved to and from memory for one batch (all passes)
 * @param speedOrigin the weakest evidence behind the speed: the ceilings' origin, or ESTIMATE-grade DEFAULT
 *                    when the model's FLOPs are a headroom estimate
 * @param inputs the ceilings and counts behind the numbers
 * @param notes how each figure was obtained, and what the model leaves out
 */
public record WorkloadEstimate(String model, MemoryBreakdown memory, Throughput throughput, Bound bound,
                               double secondsPerBatch, int batch, double flopsPerBatch, double bytesPerBatch,
                               Origin speedOrigin, List<Sourced> inputs, List<String> notes) {
    public WorkloadEstimate {
        inputs = List.copyOf(inputs);
        notes = List.copyOf(notes);
    }

    public long totalBytes() {
        return memory.totalBytes();
    }

    /** True when the estimate carries a KV cache line (encoder-decoders and autoregressive audio only). */
    public boolean hasKvCache() {
        return memory.components().stream().anyMatch(c -> c.name().equals(dev.headroom.sizing.memory.MemoryComponent.KV_CACHE));
    }
}
