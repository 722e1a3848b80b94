package dev.headroom.sizing.fit;

/**
 * Where a deployment runs on a machine, or by how much it misses. Every placement states the bytes it
 * needs and the bytes available to it, so that {@code needed + headroom = available} holds in every
 * report.
 */
public sealed interface Placement {
    /** Memory the deployment occupies in the pools this placement uses, bytes. */
    long neededBytes();

    /** Memory of the pools this placement uses (for {@link DoesNotFit}: the largest pool), bytes. */
    long availableBytes();

    /** A short label for tables: {@code GPU}, {@code 2xGPU}, {@code GPU+CPU 20/32}, {@code CPU}, {@code no fit}. */
    String label();

    /** Bytes left: available - needed (negative for {@link DoesNotFit}, and for a borderline fit). */
    default long headroomBytes() {
        return availableBytes() - neededBytes();
    }

    default boolean fits() {
        return !(this instanceof DoesNotFit);
    }

    /**
     * Whether the estimate is within its own uncertainty of the limit (it may be a little over or under):
     * the runtime will likely run it, with nothing to spare.
     */
    default boolean borderline() {
        return false;
    }

    /** Whether the whole model sits in GPU memory (one or several GPUs, discrete or unified). */
    default boolean gpuResident() {
        return this instanceof OnGpu;
    }

    /**
     * Everything in GPU memory: one GPU, or layers spread over {@code gpuCount} GPUs.
     *
     * @param tight the need is within the estimate's uncertainty of the budget (see {@link FitPlanner#UNCERTAINTY})
     */
    record OnGpu(int gpuCount, long neededBytes, long budgetBytes, boolean tight) implements Placement {
        public OnGpu(int gpuCount, long neededBytes, long budgetBytes) {
            this(gpuCount, neededBytes, budgetBytes, neededBytes > budgetBytes);
        }

        public long availableBytes() { return budgetBytes; }
        public boolean borderline() { return tight; }
        public String label() { return (gpuCount == 1 ? "GPU" : gpuCount + "xGPU") + (tight ? " (tight)" : ""); }
    }

    /**
     * llama.cpp partial offload: {@code gpuLayers} of {@code layers} blocks on the GPU(s), the rest in host RAM.
     *
     * @param gpus GPUs holding the offloaded blocks (llama.cpp {@code --split-mode layer})
     */
    record Split(int gpuLayers, int layers, long gpuBytes, long cpuBytes, long gpuBudgetBytes, long cpuBudgetBytes, int gpus)
            implements Placement {
        public Split(int gpuLayers, int layers, long gpuBytes, long cpuBytes, long gpuBudgetBytes, long cpuBudgetBytes) {
            this(gpuLayers, layers, gpuBytes, cpuBytes, gpuBudgetBytes, cpuBudgetBytes, 1);
        }

        public long neededBytes() { return gpuBytes + cpuBytes; }
        public long availableBytes() { return gpuBudgetBytes + cpuBudgetBytes; }
        public String label() { return (gpus > 1 ? gpus + "xGPU" : "GPU") + "+CPU " + Math.min(gpuLayers, layers) + "/" + layers; }
        /** Share of the blocks (and so of the per-token bytes and FLOPs) on the GPU side. */
        public double gpuFraction() { return Math.min(1.0, (double) gpuLayers / layers); }
    }

    /**
     * Everything in host RAM; no GPU runtime context is charged.
     *
     * @param tight the need is within the estimate's uncertainty of the RAM budget
     */
    record OnCpu(long neededBytes, long budgetBytes, boolean tight) implements Placement {
        public OnCpu(long neededBytes, long budgetBytes) {
            this(neededBytes, budgetBytes, neededBytes > budgetBytes);
        }

        public long availableBytes() { return budgetBytes; }
        public boolean borderline() { return tight; }
        public String label() { return tight ? "CPU (tight)" : "CPU"; }
    }

    /** Not enough memory anywhere. */
    record DoesNotFit(long neededBytes, long largestBudgetBytes) implements Placement {
        public long availableBytes() { return largestBudgetBytes; }
        public String label() { return "no fit"; }
    }
}
