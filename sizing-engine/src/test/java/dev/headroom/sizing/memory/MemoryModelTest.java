package dev.headroom.sizing.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.ReferenceModels;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;
import dev.headroom.sizing.quant.Precision;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class MemoryModelTest {
    private static final double MIB = 1 << 20;
    private static final double GIB = 1L << 30;
    // A Kimi-K2-shaped MoE: 61 layers, hidden 7168, 384 experts of width 2048 (8 routed per token),
    // vocab 163840, stretched to a 1M-token context. About 1.03 trillion parameters.
    static final ModelArchitecture TRILLION_MOE = ModelArchitecture.llama(61, 7168, 64, 8, 2048, 163840, 1 << 20)
            .headDim(128).experts(384, 8).build();

    @Test
    void llamaCppComputeBufferOfLlama3At8192TokensIsTheLogged560MiB() {
        // measured_memory.csv row 124: "CUDA0 compute buffer size = 560.00 MiB" (n_ctx 8192, n_ubatch 512).
        MemoryBreakdown m = MemoryModel.estimate(MemoryRequest.of(ReferenceModels.LLAMA_3_8B, Precision.Q4_K_M, 8192));
        assertThat(m.bytesOf(MemoryComponent.COMPUTE_BUFFER) / MIB).isCloseTo(560.0, within(560 * 0.05));
        // row 123: "KV self size = 1024.00 MiB"
        assertThat(m.kvCacheBytes()).isEqualTo(1L << 30);
    }

    @Test
    void vllmActivationPeakIsTheSameAtOneAndTwoGpusAsLogged() {
        // measured_memory.csv rows 115 and 119: "PyTorch activation peak memory 1.26GiB" at TP 1 and TP 2.
        MemoryRequest r = new MemoryRequest(ReferenceModels.LLAMA_3_8B, Precision.BF16, 8192, 1, KvCacheFormat.BF16, RuntimeProfile.VLLM, 1);
        assertThat(MemoryModel.estimate(r).bytesOf(MemoryComponent.COMPUTE_BUFFER) / GIB).isCloseTo(1.26, within(1.26 * 0.05));
        assertThat(MemoryModel.estimate(r.withTensorParallel(2)).bytesOf(MemoryComponent.COMPUTE_BUFFER) / GIB).isCloseTo(1.26, within(1.26 * 0.05));
        // rows 113 and 117: "model weights take 14.96GiB", 7.48 GiB per GPU at TP 2.
        assertThat(MemoryModel.estimate(r).weightsBytes() / GIB).isCloseTo(14.96, within(0.01));
        assertThat(MemoryModel.estimate(r.withTensorParallel(2)).weightsBytes() / GIB).isCloseTo(7.48, within(0.01));
    }

    @Test
    void theTotalIsTheSumOfTheParts() {
        MemoryBreakdown m = MemoryModel.estimate(MemoryRequest.of(ReferenceModels.MIXTRAL_8X7B, Precision.Q4_K_M, 32768));
        long sum = m.components().stream().mapToLong(MemoryComponent::bytes).sum();
        assertThat(m.totalBytes()).isEqualTo(sum).isGreaterThan(m.weightsBytes());
    }

    @Test
    void aTrillionParameterMoeAtOneMillionTokensIsSizedExactly() {
        assertThat(ParameterCounter.totalParameters(TRILLION_MOE)).isGreaterThan(1_000_000_000_000L);
        MemoryBreakdown m = MemoryModel.estimate(MemoryRequest.of(TRILLION_MOE, Precision.Q4_K_M, 1 << 20));
        // 61 layers x 8 KV heads x 128 x 2 (K,V) x 2 bytes x 1,048,576 tokens, computed in BigInteger.
        BigInteger kv = BigInteger.valueOf(61L * 8 * 128 * 2 * 2).multiply(BigInteger.valueOf(1L << 20));
        assertThat(BigInteger.valueOf(m.kvCacheBytes())).isEqualTo(kv);
        assertThat(m.weightsBytes()).isGreaterThan(500L << 30).isLessThan(700L << 30);
        assertThat(m.totalBytes()).isPositive();
    }

    @Test
    void requestsBeyondEightExbibytesAreRejectedNotWrapped() {
        MemoryRequest huge = new MemoryRequest(TRILLION_MOE, Precision.F16, DeploymentRequest.MAX_CONTEXT,
                DeploymentRequest.MAX_SEQUENCES, KvCacheFormat.F32, RuntimeProfile.LLAMA_CPP, 1);
        assertThatThrownBy(() -> MemoryModel.estimate(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds 8 EiB");
    }

    @Test
    void absurdArgumentsNameTheFieldAndValue() {
        assertThatThrownBy(() -> MemoryRequest.of(ReferenceModels.LLAMA_3_8B, Precision.F16, 0))
                .hasMessage("context: must be within 1..100000000 tokens, was 0");
        assertThatThrownBy(() -> MemoryRequest.of(ReferenceModels.LLAMA_3_8B, Precision.F16, 4096).withSequences(-3))
                .hasMessageStartingWith("batch: must be within 1..");
        assertThatThrownBy(() -> MemoryRequest.of(ReferenceModels.LLAMA_3_8B, Precision.F16, 4096).withTensorParallel(3))
                .hasMessageContaining("gpus: 3 does not divide the 32 attention heads");
        assertThatThrownBy(() -> RuntimeProfile.parse("vllmm")).hasMessageContaining("did you mean vllm");
        assertThatThrownBy(() -> KvCacheFormat.parse("q5")).hasMessageContaining("valid: F32, F16");
    }

    @Test
    void tensorParallelKeepsAWholeKvHeadPerGpu() {
        // Falcon-40B has 8 KV heads: at TP 8 each GPU holds one; Falcon-7B's single KV head is replicated.
        MemoryRequest r = new MemoryRequest(ReferenceModels.FALCON_7B, Precision.F16, 2048, 1, KvCacheFormat.F16, RuntimeProfile.VLLM, 1);
        long one = MemoryModel.estimate(r).kvCacheBytes();
        assertThatThrownBy(() -> r.withTensorParallel(2)).hasMessageContaining("71 attention heads");
        MemoryRequest f40 = r.withTensorParallel(1);
        assertThat(one).isPositive();
        MemoryRequest falcon40 = new MemoryRequest(ReferenceModels.FALCON_40B, Precision.F16, 2048, 1, KvCacheFormat.F16, RuntimeProfile.VLLM, 8);
        assertThat(MemoryModel.estimate(falcon40).kvCacheBytes() * 8)
                .isEqualTo(MemoryModel.estimate(falcon40.withTensorParallel(1)).kvCacheBytes());
        assertThat(f40.tensorParallel()).isEqualTo(1);
    }
}
