package dev.headroom.sizing.fit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.ReferenceModels;
import dev.headroom.sizing.memory.KvCacheFormat;
import dev.headroom.sizing.memory.MemoryModel;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.quant.Precision;
import org.junit.jupiter.api.Test;

class MemorySolverTest {
    static final long GIB = 1L << 30;
    static final MemoryRequest LLAMA3_8K = MemoryRequest.of(ReferenceModels.LLAMA_3_8B, Precision.F16, 8192);

    @Test
    void bestPrecisionIsTheFirstOfTheLadderThatFits() {
        // 8 GiB card less a 5% margin = 7.6 GiB; beside 1 GiB of KV, 0.55 GiB compute buffer and 0.29 GiB
        // overhead, Q6_K (6.14 GiB of weights) misses and Q5_K_M (5.33 GiB) fits.
        assertThat(MemorySolver.bestPrecision(LLAMA3_8K, Precision.DEFAULT_LADDER, 8 * GIB, MarginPolicy.DEFAULT))
                .contains(Precision.Q5_K_M);
        assertThat(MemorySolver.bestPrecision(LLAMA3_8K, Precision.DEFAULT_LADDER, 2 * GIB, MarginPolicy.DEFAULT)).isEmpty();
    }

    @Test
    void longestContextIsTheLastThatFits() {
        MemoryRequest q4 = LLAMA3_8K.withPrecision(Precision.Q4_K_M);
        long budget = 8 * GIB;
        long ctx = MemorySolver.longestContext(q4, budget, MarginPolicy.NONE);
        assertThat(ctx).isBetween(1L, 8192L);
        assertThat(MemoryModel.estimate(q4.withContext(ctx)).totalBytes()).isLessThanOrEqualTo(budget);
        if (ctx < 8192) {
            assertThat(MemoryModel.estimate(q4.withContext(ctx + 1)).totalBytes()).isGreaterThan(budget);
        }
    }

    @Test
    void mostSequencesUsesVllmBlocksAndUtilisation() {
        MemoryRequest r = new MemoryRequest(ReferenceModels.LLAMA_3_8B, Precision.BF16, 8192, 1, KvCacheFormat.BF16, RuntimeProfile.VLLM, 1);
        int n = MemorySolver.mostSequences(r, 80L * 1000 * 1000 * 1000, MarginPolicy.NONE, 10_000);
        // ~53 GiB of KV at 1 GiB per 8192-token sequence (vLLM PR 10511 logged 53.29 GiB available).
        assertThat(n).isBetween(45, 60);
    }

    @Test
    void partialOffloadPutsTheLastLayersOnTheGpu() {
        MemoryRequest r = MemoryRequest.of(ReferenceModels.LLAMA_2_70B, Precision.Q4_0, 4096);
        OffloadPlan plan = MemorySolver.offload(r, 24 * GIB, MarginPolicy.DEFAULT);
        assertThat(plan.gpuLayers()).isBetween(40, 60);
        assertThat(plan.gpuBytes()).isLessThanOrEqualTo(MarginPolicy.DEFAULT.usable(24 * GIB));
        assertThat(plan.gpuBytes() + plan.hostBytes()).isGreaterThan(MemoryModel.estimate(r).weightsBytes());
        assertThat(MemorySolver.offload(r, 200 * GIB, MarginPolicy.DEFAULT).fullyOffloaded()).isTrue();
    }

    @Test
    void tensorParallelNeedsADividingGpuCount() {
        MemoryRequest r = new MemoryRequest(ReferenceModels.LLAMA_3_70B, Precision.BF16, 8192, 1, KvCacheFormat.BF16, RuntimeProfile.VLLM, 1);
        // 131 GiB of BF16 weights: two 80 GB GPUs are not enough at 0.9 utilisation, four are.
        assertThat(MemorySolver.gpusForTensorParallel(r, 80L * 1000 * 1000 * 1000, MarginPolicy.DEFAULT, 8)).isEqualTo(4);
        // Falcon-7B has 71 heads: only 1 or 71 GPUs divide them.
        MemoryRequest falcon = new MemoryRequest(ReferenceModels.FALCON_7B, Precision.F16, 2048, 1, KvCacheFormat.F16, RuntimeProfile.VLLM, 1);
        assertThat(MemorySolver.gpusForTensorParallel(falcon, 8 * GIB, MarginPolicy.DEFAULT, 8)).isEqualTo(-1);
    }

    @Test
    void marginKeepsTheLargerOfFractionAndFloor() {
        assertThat(MarginPolicy.DEFAULT.usable(100 * GIB)).isEqualTo(95 * GIB);
        assertThat(MarginPolicy.DEFAULT.usable(GIB)).isEqualTo(GIB - (256L << 20));
    }
}
