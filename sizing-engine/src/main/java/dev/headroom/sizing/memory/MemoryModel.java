package dev.headroom.sizing.memory;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.provenance.Origin;
import java.util.List;

/**
 * Inference memory of a {@link MemoryRequest} as a sourced breakdown: weights + KV cache + compute
 * buffer (activation peak) + runtime overhead, per GPU when the model is split by tensor parallelism.
 *
 * <p>Tensor parallelism divides the weights (vLLM shards every matrix and the vocabulary; norms are a
 * rounding error) and the KV cache by KV heads, except that with fewer KV heads than GPUs each GPU holds
 * one whole KV head (vLLM replicates them). Each extra rank adds the runtime's NCCL buffers.
 */
public final class MemoryModel {
    private MemoryModel() {
    }

    /**
     * @throws IllegalArgumentException when the answer exceeds what a {@code long} holds (8 EiB): a request
     *     that large is a typo, and saying so beats a wrapped-around number
     */
    public static MemoryBreakdown estimate(MemoryRequest r) {
        try {
            return compute(r);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("request: memory for context " + r.contextTokens() + " x batch "
                    + r.sequences() + " exceeds 8 EiB; check the context and batch values");
        }
    }

    private static MemoryBreakdown compute(MemoryRequest r) {
        ModelArchitecture a = r.model();
        RuntimeProfile rt = r.runtime();
        int tp = r.tensorParallel();
        long weights = WeightSizer.weightBytes(a, r.precision(), rt);
        // llama.cpp's iSWA cache keeps a micro-batch beyond the window on sliding layers; vLLM keeps the window.
        long kv = KvCacheModel.bytes(a, r.contextTokens(), r.sequences(), r.kvFormat(), rt.kvAllocationTokens(),
                rt.loadsGguf() ? rt.microBatchTokens() : 0);
        long compute = ComputeBuffers.bytes(a, rt, r.contextTokens(), r.sequences(), tp);
        long overhead = rt.fixedOverheadBytes() + (tp > 1 ? rt.perExtraGpuBytes() : 0);
        String per = tp > 1 ? " per GPU (TP " + tp + ")" : "";
        if (tp > 1) {
            weights = ceilDiv(weights, tp);
            // A latent (MLA) cache has one shared "head": every tensor-parallel rank holds all of it.
            int kvShards = a.extensions().isLatentAttention() ? 1 : Math.min(tp, a.kvHeads());
            kv = ceilDiv(kv, kvShards);
        }
        return new MemoryBreakdown(List.of(
                new MemoryComponent(MemoryComponent.WEIGHTS, weights, Origin.COMPUTED,
                        weightsNote(r) + per),
                new MemoryComponent(MemoryComponent.KV_CACHE, kv, Origin.COMPUTED,
                        KvCacheModel.layout(a) + " x "
                                + r.contextTokens() + " tokens (allocated in units of " + rt.kvAllocationTokens() + ") x "
                                + r.sequences() + " seq x " + r.kvFormat() + per),
                new MemoryComponent(MemoryComponent.COMPUTE_BUFFER, compute, Origin.COMPUTED,
                        rt.name() + " " + rt.computeModel() + " activation peak" + (rt.flashAttention() ? " (flash attention)" : "")),
                new MemoryComponent(MemoryComponent.RUNTIME_OVERHEAD, overhead, Origin.DEFAULT, rt.source())));
    }

    private static String weightsNote(MemoryRequest r) {
        if (!r.precision().isGguf()) {
            return r.precision() + ": checkpoint layout (quantized block matrices, 16-bit embeddings, head and norms)";
        }
        if (!r.precision().baseType().isQuantized()) {
            return r.precision() + ": every matrix at " + r.precision().baseType().bitsPerWeight() + " bits"
                    + (r.runtime().loadsGguf() ? ", norms F32 (GGUF)" : "");
        }
        return r.precision() + ": llama.cpp per-tensor type mix x GGML block layouts";
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
