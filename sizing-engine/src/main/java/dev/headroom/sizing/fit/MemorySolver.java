package dev.headroom.sizing.fit;

import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.memory.MemoryModel;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.memory.WeightSizer;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;
import java.util.List;
import java.util.Optional;

/**
 * Answers "what is the most I can run in this much memory?" by searching the memory model: every
 * answer is checked against {@link MemoryModel}, so solver and estimate never disagree. Budgets are
 * per device, before the {@link MarginPolicy} and the runtime's {@code gpuMemoryUtilization} are taken
 * off. Memory is monotone in context, sequences and precision size, so binary search is exact.
 */
public final class MemorySolver {
    private MemorySolver() {
    }

    /** Bytes a deployment may use of a device of {@code deviceBytes}: margin, then the runtime's utilisation cap. */
    public static long usableBytes(MemoryRequest r, long deviceBytes, MarginPolicy margin) {
        if (deviceBytes < 0) {
            throw new IllegalArgumentException("budget: must not be negative, was " + deviceBytes);
        }
        return margin.usable((long) (deviceBytes * r.runtime().gpuMemoryUtilization()));
    }

    public static boolean fits(MemoryRequest r, long deviceBytes, MarginPolicy margin) {
        return MemoryModel.estimate(r).totalBytes() <= usableBytes(r, deviceBytes, margin);
    }

    /** The first precision of {@code ladder} (best first) that fits, or empty. */
    public static Optional<Precision> bestPrecision(MemoryRequest r, List<Precision> ladder, long deviceBytes, MarginPolicy margin) {
        for (Precision p : ladder) {
            if (fits(r.withPrecision(p), deviceBytes, margin)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The longest context per sequence (up to the model's maximum) that fits, or 0 when not even one token does. */
    public static long longestContext(MemoryRequest r, long deviceBytes, MarginPolicy margin) {
        long hi = r.model().maxContext();
        if (!fits(r.withContext(1), deviceBytes, margin)) {
            return 0;
        }
        long lo = 1;
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (fits(r.withContext(mid), deviceBytes, margin)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The most sequences of the request's context held at once (up to {@code maxSequences}), or 0. */
    public static int mostSequences(MemoryRequest r, long deviceBytes, MarginPolicy margin, int maxSequences) {
        if (maxSequences <= 0) {
            throw new IllegalArgumentException("maxSequences: must be positive, was " + maxSequences);
        }
        if (!fits(r.withSequences(1), deviceBytes, margin)) {
            return 0;
        }
        int lo = 1;
        int hi = maxSequences;
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (fits(r.withSequences(mid), deviceBytes, margin)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * llama.cpp partial offload: the most blocks whose weights and KV cache fit on the GPU beside the
     * compute buffer and overhead, counting each block's exact bytes (mixed quant types differ per layer).
     */
    public static OffloadPlan offload(MemoryRequest r, long gpuBytes, MarginPolicy margin) {
        return offload(r, gpuBytes, margin, 1);
    }

    /**
     * {@link #offload(MemoryRequest, long, MarginPolicy)} over {@code gpus} GPUs whose budgets add up to
     * {@code gpuBytes}: each holds its own compute buffer and runtime context (llama.cpp {@code --split-mode layer}).
     */
    public static OffloadPlan offload(MemoryRequest r, long gpuBytes, MarginPolicy margin, int gpus) {
        if (gpus < 1) {
            throw new IllegalArgumentException("gpus: must be positive, was " + gpus);
        }
        ModelArchitecture a = r.model();
        MemoryBreakdown m = MemoryModel.estimate(r.withTensorParallel(1));
        long budget = usableBytes(r, gpuBytes, margin);
        long fixed = gpus * (m.bytesOf(MemoryComponent.COMPUTE_BUFFER) + m.bytesOf(MemoryComponent.RUNTIME_OVERHEAD));
        long kvPerLayer = m.kvCacheBytes() / a.layers();
        long outside = WeightSizer.outsideBytes(a, r.precision());
        long embedding = WeightSizer.tokenEmbeddingBytes(a, r.precision());
        long onGpu = 0; // weights and KV cache placed on the GPU
        int gpuLayers = 0;
        if (fixed <= budget) {
            for (int layer = a.layers() - 1; layer >= 0; layer--) {
                long next = onGpu + WeightSizer.layerBytes(a, r.precision(), layer) + kvPerLayer;
                if (fixed + next > budget) {
                    break;
                }
                onGpu = next;
                gpuLayers++;
            }
            if (gpuLayers == a.layers() && fixed + onGpu + (outside - embedding) <= budget) {
                onGpu += outside - embedding; // the output head and final norm follow the last block
                gpuLayers++;
            }
        }
        long used = gpuLayers == 0 ? 0 : fixed + onGpu;
        long host = m.weightsBytes() + m.kvCacheBytes() - onGpu;
        return new OffloadPlan(gpuLayers, a.layers(), used, host);
    }

    /**
     * The fewest GPUs of {@code perGpuBytes} each that hold the deployment with tensor parallelism, or
     * -1 when none up to {@code maxGpus} does. A GPU count must divide the attention heads.
     */
    public static int gpusForTensorParallel(MemoryRequest r, long perGpuBytes, MarginPolicy margin, int maxGpus) {
        if (maxGpus <= 0 || maxGpus > MemoryRequest.MAX_TENSOR_PARALLEL) {
            throw new IllegalArgumentException("gpus: must be within 1.." + MemoryRequest.MAX_TENSOR_PARALLEL + ", was " + maxGpus);
        }
        for (int n = 1; n <= maxGpus; n++) {
            if (r.model().attentionHeads() % n == 0 && fits(r.withTensorParallel(n), perGpuBytes, margin)) {
                return n;
            }
        }
        return -1;
    }
}
