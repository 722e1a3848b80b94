package dev.headroom.sizing.fit;

/** Where a deployment runs on a machine, or by how much it misses. */
public sealed interface Placement {
    /** Bytes left in the memory pool it uses (negative for {@link DoesNotFit}: the shortfall). */
    long headroomBytes();

    /** A short label for tables: {@code GPU}, {@code GPU+CPU}, {@code CPU}, {@code no fit}. */
    String label();

    default boolean fits() {
        return !(this instanceof DoesNotFit);
    }

    /** Everything on GPU memory: one GPU, or layers spread over {@code gpuCount} GPUs. */
    record OnGpu(int gpuCount, long neededBytes, long budgetBytes) implements Placement {
        public long headroomBytes() { return budgetBytes - neededBytes; }
        public String label() { return gpuCount == 1 ? "GPU" : gpuCount + "xGPU"; }
    }

    /** llama.cpp partial offload: {@code gpuLayers} of {@code layers} blocks on the GPU, the rest in host RAM. */
    record Split(int gpuLayers, int layers, long gpuBytes, long cpuBytes, long gpuBudgetBytes, long cpuBudgetBytes)
            implements Placement {
        public long headroomBytes() { return cpuBudgetBytes - cpuBytes; }
        public String label() { return "GPU+CPU " + gpuLayers + "/" + layers; }
        public double gpuFraction() { return (double) gpuLayers / layers; }
    }

    /** Everything in host RAM. */
    record OnCpu(long neededBytes, long budgetBytes) implements Placement {
        public long headroomBytes() { return budgetBytes - neededBytes; }
        public String label() { return "CPU"; }
    }

    /** Not enough memory anywhere. */
    record DoesNotFit(long neededBytes, long largestBudgetBytes) implements Placement {
        public long headroomBytes() { return largestBudgetBytes - neededBytes; }
        public String label() { return "no fit"; }
    }
}
