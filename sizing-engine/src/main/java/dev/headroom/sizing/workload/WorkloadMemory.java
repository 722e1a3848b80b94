package dev.headroom.sizing.workload;

import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.provenance.Origin;
import java.util.List;

/**
 * Memory of a non-LLM inference workload: weights + activations per input x batch + the runtime's
 * fixed overhead. Activations of one input are freed before the next batch, so only the batch in
 * flight counts; inference keeps no gradients.
 */
public final class WorkloadMemory {
    public static final String ACTIVATIONS = "activations";

    private WorkloadMemory() {
    }

    /**
     * @param runtimeOverheadBytes the framework's fixed overhead on the device (CUDA context, workspaces)
     */
    public static MemoryBreakdown estimate(InferenceWorkload w, long runtimeOverheadBytes) {
        if (runtimeOverheadBytes < 0) {
            throw new IllegalArgumentException("runtimeOverheadBytes: must not be negative, was " + runtimeOverheadBytes);
        }
        long weights = Math.multiplyExact(w.parameters(), (long) w.bytesPerParameter());
        long activations = Math.multiplyExact(w.activationBytesPerInput(), (long) w.batch());
        return new MemoryBreakdown(List.of(
                new MemoryComponent(MemoryComponent.WEIGHTS, weights, Origin.COMPUTED,
                        w.parameters() + " parameters x " + w.bytesPerParameter() + " B"),
                new MemoryComponent(ACTIVATIONS, activations, Origin.COMPUTED,
                        w.activationBytesPerInput() + " B per input x batch " + w.batch()),
                new MemoryComponent(MemoryComponent.RUNTIME_OVERHEAD, runtimeOverheadBytes, Origin.DEFAULT,
                        "framework CUDA context and workspaces")));
    }

    /** The largest batch whose memory fits {@code budgetBytes}, or 0 when even one input does not fit. */
    public static int largestBatch(InferenceWorkload w, long runtimeOverheadBytes, long budgetBytes) {
        long fixed = Math.addExact(Math.multiplyExact(w.parameters(), (long) w.bytesPerParameter()), runtimeOverheadBytes);
        if (fixed > budgetBytes) {
            return 0;
        }
        if (w.activationBytesPerInput() == 0) {
            return 1_000_000;
        }
        return (int) Math.min(1_000_000L, (budgetBytes - fixed) / w.activationBytesPerInput());
    }
}
