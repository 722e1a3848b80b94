package dev.headroom.sizing.speed;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.KvCacheModel;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.memory.SplitMode;
import dev.headroom.sizing.memory.WeightSizer;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeedModelTest {
    /** Llama-2-7B (meta-llama/Llama-2-7b-hf config.json). */
    static final ModelArchitecture LLAMA2_7B = ModelArchitecture.llama(32, 4096, 32, 32, 11008, 32000, 4096).build();
    /** Mixtral-8x7B (mistralai/Mixtral-8x7B-v0.1 config.json): 8 experts, 2 per token. */
    static final ModelArchitecture MIXTRAL = ModelArchitecture.llama(32, 4096, 32, 8, 14336, 32000, 32768).experts(8, 2).build();
    /** RTX 4090 datasheet: 1008 GB/s, 165.2 dense FP16 TFLOP/s (accelerators.csv). */
    static final SpeedCeilings RTX_4090 = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "RTX 4090", 1008e9, 165.2e12);

    static DeploymentRequest request(ModelArchitecture a, Precision p, int batch) {
        return new DeploymentRequest(a, p, 4096, batch, GgmlType.F16, RuntimeProfile.LLAMA_CPP);
    }

    @Test
    void gpuDecodeIsWeightBytesOverAchievableBandwidthPlusPerLayerOverhead() {
        ServingEstimate e = SpeedModel.serve(request(LLAMA2_7B, Precision.Q4_0, 1), RTX_4090, 1, 1, 0);
        double expected = WeightSizer.bytesReadPerToken(LLAMA2_7B, Precision.Q4_0) / (1008e9 * ClassConstants.NVIDIA.bandwidthEfficiency())
                + 32 * ClassConstants.NVIDIA.layerOverheadSeconds();
        assertThat(1 / e.decodeTokensPerSecond()).isCloseTo(expected, within(expected * 1e-9));
        assertThat(e.decodeBound()).isEqualTo("bandwidth");
    }

    @Test
    void kvCacheReadAtLongContextSlowsDecoding() {
        double shortCtx = SpeedModel.serve(request(LLAMA2_7B, Precision.Q4_0, 1), RTX_4090, 1, 1, 16).decodeTokensPerSecond();
        double longCtx = SpeedModel.serve(request(LLAMA2_7B, Precision.Q4_0, 1), RTX_4090, 1, 1, 4096).decodeTokensPerSecond();
        double kvDelta = KvCacheModel.bytes(LLAMA2_7B, 4096, 1, GgmlType.F16) - KvCacheModel.bytes(LLAMA2_7B, 16, 1, GgmlType.F16);
        // 4096 tokens of F16 KV for Llama-2-7B = 2 GiB (2 x 32 layers x 4096 x 2 bytes per token), read once per token.
        assertThat(kvDelta).isEqualTo(2.0 * 32 * 4096 * 2 * (4096 - 16));
        assertThat(1 / longCtx - 1 / shortCtx).isCloseTo(kvDelta / (1008e9 * ClassConstants.NVIDIA.bandwidthEfficiency()), within(1e-9));
    }

    @Test
    void mixtureOfExpertsReadsOnlyTheRoutedExperts() {
        double mixtral = SpeedModel.serve(request(MIXTRAL, Precision.Q4_0, 1), RTX_4090, 1, 1, 0).decodeTokensPerSecond();
        double bytesAll = WeightSizer.weightBytes(MIXTRAL, Precision.Q4_0);
        double bytesActive = WeightSizer.bytesReadPerToken(MIXTRAL, Precision.Q4_0);
        assertThat(bytesActive).isLessThan(bytesAll * 0.4);
        assertThat(mixtral).isGreaterThan(1 / (bytesAll / (1008e9 * 0.88) + 32 * 95e-6));
    }

    @Test
    void batchingRaisesAggregateThroughputButNotSingleSequenceSpeed() {
        ServingEstimate one = SpeedModel.serve(request(LLAMA2_7B, Precision.F16, 1), RTX_4090, 1, 512, 512);
        ServingEstimate many = SpeedModel.serve(request(LLAMA2_7B, Precision.F16, 32), RTX_4090, 1, 512, 512);
        assertThat(many.aggregateTokensPerSecond()).isGreaterThan(10 * one.aggregateTokensPerSecond());
        assertThat(many.aggregateTokensPerSecond() / 32).isLessThan(one.decodeTokensPerSecond());
        assertThat(many.decodeTokensPerSecond()).isEqualTo(one.decodeTokensPerSecond());
    }

    @Test
    void timeToFirstTokenIsPromptProcessingPlusOneDecodeStep() {
        ServingEstimate e = SpeedModel.serve(request(LLAMA2_7B, Precision.F16, 1), RTX_4090, 1, 2000, 2000);
        assertThat(e.timeToFirstTokenSeconds()).isCloseTo(2000 / e.prefillTokensPerSecond() + 1 / e.decodeTokensPerSecond(), within(1e-12));
        // 2 x 6.7 GFLOP x 2000 tokens at 0.31 x 165 TFLOP/s is about 0.5 s.
        assertThat(e.timeToFirstTokenSeconds()).isBetween(0.3, 1.0);
    }

    @Test
    void aRowSplitDividesTheBytesAndPaysSyncPerLayer() {
        DeploymentRequest rows = withRuntime(request(LLAMA2_7B, Precision.F16, 1), RuntimeProfile.LLAMA_CPP.withSplitMode(SplitMode.ROW));
        ServingEstimate one = SpeedModel.serve(rows, RTX_4090, 1, 1, 0);
        ServingEstimate two = SpeedModel.serve(rows, RTX_4090, 2, 1, 0);
        double tau = ClassConstants.NVIDIA.layerOverheadSeconds();
        double sync = ClassConstants.NVIDIA.peerSyncSecondsPerLayer();
        double expectedTwo = (1 / one.decodeTokensPerSecond() - 32 * tau) / 2 + 32 * (tau + sync);
        assertThat(1 / two.decodeTokensPerSecond()).isCloseTo(expectedTwo, within(expectedTwo * 1e-9));
    }

    @Test
    void vllmTensorParallelPaysTwoAllReducesPerLayerWhateverTheGpuCountSoMoreGpusDecodeFaster() {
        // vLLM's all-reduce is latency-bound at decode sizes and about flat in the GPU count within a host
        // (RuntimeSpeed.VLLM_ALLREDUCE_SECONDS); llama.cpp's row split pays its fitted cost per extra GPU.
        ModelArchitecture llama70 = ModelArchitecture.llama(80, 8192, 64, 8, 28672, 128256, 8192).build();
        DeploymentRequest vllm = new DeploymentRequest(llama70, Precision.BF16, 4096, 1, GgmlType.F16, RuntimeProfile.VLLM);
        SpeedCeilings h100 = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "H100 SXM", 3350e9, 989.4e12, MemoryTechnology.HBM);
        double t2 = 1 / SpeedModel.serve(vllm, h100, 2, 1, 1024).decodeTokensPerSecond();
        double t4 = 1 / SpeedModel.serve(vllm, h100, 4, 1, 1024).decodeTokensPerSecond();
        double t8 = 1 / SpeedModel.serve(vllm, h100, 8, 1, 1024).decodeTokensPerSecond();
        assertThat(t4).isLessThan(t2);
        assertThat(t8).isLessThan(t4);
        // Halving the bytes per GPU is all that changes from 4 to 8: the sync per layer stays 2 x 50 us.
        double bytes = WeightSizer.bytesReadPerToken(llama70, Precision.BF16) + KvCacheModel.bytes(llama70, 1024, 1, GgmlType.F16);
        double stream = bytes / h100.bandwidthBytesPerSecond();
        assertThat(t4 - t8).isCloseTo(stream / 4 - stream / 8, within(stream * 1e-3));
        assertThat(RuntimeSpeed.tensorParallelSyncSecondsPerLayer(RuntimeProfile.VLLM, 8)).isEqualTo(2 * RuntimeSpeed.VLLM_ALLREDUCE_SECONDS);
        assertThat(RuntimeSpeed.tensorParallelSyncSecondsPerLayer(RuntimeProfile.LLAMA_CPP, 8)).isNaN();
    }

    @Test
    void aLayerSplitStreamsEveryWeightAtOneGpusBandwidthPlusOneBoundaryPerExtraGpu() {
        // llama.cpp's default: a token passes the GPUs in turn, so two GPUs decode no faster than one (they only hold more).
        DeploymentRequest r = request(LLAMA2_7B, Precision.Q4_0, 1);
        assertThat(r.runtime().splitMode()).isEqualTo(SplitMode.LAYER);
        double one = 1 / SpeedModel.serve(r, RTX_4090, 1, 1, 512).decodeTokensPerSecond();
        double three = 1 / SpeedModel.serve(r, RTX_4090, 3, 1, 512).decodeTokensPerSecond();
        double boundary = SpeedModel.boundarySeconds(LLAMA2_7B, 1, RTX_4090);
        assertThat(three - one).isCloseTo(2 * boundary, within(1e-12));
        assertThat(boundary).isGreaterThan(RTX_4090.layerOverheadSeconds()).isLessThan(2 * RTX_4090.layerOverheadSeconds());
    }

    @Test
    void aLayerSplitPipelinesTheMicroBatchesOfALongPromptButNotASingleOne() {
        DeploymentRequest r = request(LLAMA2_7B, Precision.F16, 1);
        double one512 = 512 / SpeedModel.serve(r, RTX_4090, 1, 512, 512).prefillTokensPerSecond();
        double two512 = 512 / SpeedModel.serve(r, RTX_4090, 2, 512, 512).prefillTokensPerSecond();
        double one2048 = 2048 / SpeedModel.serve(r, RTX_4090, 1, 2048, 2048).prefillTokensPerSecond();
        double two2048 = 2048 / SpeedModel.serve(r, RTX_4090, 2, 2048, 2048).prefillTokensPerSecond();
        // One micro-batch: the two halves run one after another (plus a boundary), no gain.
        assertThat(two512).isGreaterThanOrEqualTo(one512);
        // Four micro-batches on two GPUs: (4 + 2 - 1) stages of half a micro-batch = 5/8 of the one-GPU time, plus a boundary.
        assertThat(two2048 / one2048).isBetween(0.62, 0.66);
    }

    @Test
    void quantizedPromptsPayTheDequantizationPassAtTheClasssDequantRate() {
        // llama.cpp CUDA (2024) expands Q4_0 to F16 once per micro-batch: read 0.5625 + write 2 bytes per weight.
        SpeedCeilings gpu = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "RTX 4090", 1008e9, 330.3e12);
        assertThat(gpu.dequantizesBeforePrefill(GgmlType.Q4_0)).isTrue();
        assertThat(gpu.dequantizesBeforePrefill(GgmlType.F16)).isFalse();
        double f16 = 512 / SpeedModel.serve(request(LLAMA2_7B, Precision.F16, 1), gpu, 1, 512, 512).prefillTokensPerSecond();
        double q4 = 512 / SpeedModel.serve(request(LLAMA2_7B, Precision.Q4_0, 1), gpu, 1, 512, 512).prefillTokensPerSecond();
        double pass = (dev.headroom.sizing.memory.WeightSizer.weightBytes(LLAMA2_7B, Precision.Q4_0)
                + 2.0 * dev.headroom.sizing.model.ParameterCounter.activeParametersPerToken(LLAMA2_7B)) / gpu.prefillDequantBytesPerSecond();
        assertThat(q4 - f16).isCloseTo(pass, within(pass * 0.02));
        // Metal multiplies quantized blocks directly: no pass, a rate share instead.
        SpeedCeilings apple = SpeedCeilings.forDatasheet(DeviceClass.APPLE, "M2 Ultra", 800e9, 27.2e12);
        assertThat(apple.dequantizesBeforePrefill(GgmlType.Q4_0)).isFalse();
    }

    @Test
    void withoutFlashAttentionLongPromptsSlowDownByTheScoreMatrixTraffic() {
        DeploymentRequest plain = request(LLAMA2_7B, Precision.Q4_0, 1);
        DeploymentRequest fa = withRuntime(plain, RuntimeProfile.LLAMA_CPP.withFlashAttention(true));
        double rate512 = SpeedModel.serve(plain, RTX_4090, 1, 512, 512).prefillTokensPerSecond();
        double rate8k = SpeedModel.serve(plain, RTX_4090, 1, 8192, 8192).prefillTokensPerSecond();
        double fa8k = SpeedModel.serve(fa, RTX_4090, 1, 8192, 8192).prefillTokensPerSecond();
        assertThat(rate8k).isLessThan(rate512 * 0.9); // attention FLOPs and score traffic grow with the prompt
        assertThat(fa8k).isGreaterThan(rate8k);
        // The difference is the score traffic: 16 bytes per score, 32 layers x 32 heads x sum over micro-batches of u x (offset + u).
        double elements = 0;
        for (long offset = 0; offset < 8192; offset += 512) {
            elements += SpeedModel.scoreElements(LLAMA2_7B, 512, offset);
        }
        assertThat(elements).isEqualTo(32.0 * 32 * 512 * (512.0 * 16 * 17 / 2));
        double traffic = elements * 16 / RTX_4090.bandwidthBytesPerSecond();
        assertThat(8192 / rate8k - 8192 / fa8k).isCloseTo(traffic, within(traffic * 1e-6));
    }

    private static DeploymentRequest withRuntime(DeploymentRequest r, RuntimeProfile runtime) {
        return new DeploymentRequest(r.model(), r.precision(), r.contextTokens(), r.sequences(), r.kvCacheType(), runtime);
    }

    @Test
    void hbmPartsPayTheirClassesHbmOverheadPerLayerAndGddrPartsTheDefault() {
        // Same datasheet figures, two memory technologies: the step times differ by layers x (HBM - default overhead).
        SpeedCeilings gddr = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "x", 2000e9, 756e12, MemoryTechnology.GDDR);
        SpeedCeilings hbm = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "x", 2000e9, 756e12, MemoryTechnology.HBM);
        SpeedCeilings unknown = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "x", 2000e9, 756e12);
        double tGddr = 1 / SpeedModel.onDevice(request(LLAMA2_7B, Precision.Q4_0, 1), gddr).decodeTokensPerSecond();
        double tHbm = 1 / SpeedModel.onDevice(request(LLAMA2_7B, Precision.Q4_0, 1), hbm).decodeTokensPerSecond();
        double delta = 32 * (ClassConstants.NVIDIA.hbmLayerOverheadSeconds() - ClassConstants.NVIDIA.layerOverheadSeconds());
        assertThat(delta).isPositive();
        assertThat(tHbm - tGddr).isCloseTo(delta, within(1e-9));
        assertThat(unknown.layerOverheadSeconds()).isEqualTo(gddr.layerOverheadSeconds());
        assertThat(MemoryTechnology.parse("HBM2e")).isEqualTo(MemoryTechnology.HBM);
        assertThat(MemoryTechnology.parse("GDDR6X")).isEqualTo(MemoryTechnology.GDDR);
        assertThat(MemoryTechnology.parse("LPDDR5X")).isEqualTo(MemoryTechnology.LPDDR);
        assertThat(MemoryTechnology.parse("")).isEqualTo(MemoryTechnology.UNKNOWN);
    }

    @Test
    void eagerTransformersDecodeIsSetByTheHostsPerLayerDispatch() {
        // gpt-fast's eager baseline (https://pytorch.org/blog/accelerating-generative-ai-2/): Llama-2-7B bf16 on an
        // A100-80GB at 25.5 tokens/s. RuntimeSpeed's constant was read off this one row, so this checks the wiring
        // (host-bound step = 32 layers x 1.2 ms), and that llama.cpp on the same device stays bandwidth-bound.
        SpeedCeilings a100 = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "A100 80GB SXM4", 2039e9, 312e12, MemoryTechnology.HBM);
        DeploymentRequest eager = new DeploymentRequest(LLAMA2_7B, Precision.F16, 4096, 1, GgmlType.F16, RuntimeProfile.TRANSFORMERS);
        double hf = SpeedModel.serve(eager, a100, 1, 128, 128).decodeTokensPerSecond();
        double llama = SpeedModel.serve(request(LLAMA2_7B, Precision.F16, 1), a100, 1, 128, 128).decodeTokensPerSecond();
        assertThat(hf).isCloseTo(1 / (32 * RuntimeSpeed.EAGER_HOST_SECONDS_PER_LAYER), within(1e-9));
        assertThat(hf).isCloseTo(25.5, within(25.5 * 0.05));
        assertThat(SpeedModel.serve(eager, a100, 1, 128, 128).decodeBound()).isEqualTo("host dispatch");
        assertThat(llama).isGreaterThan(2.5 * hf);
    }

    @Test
    void compiledTransformersReplayTheStepAsAGraphAndAreBandwidthBound() {
        // gpt-fast's "torch.compile + static kv-cache" row (same blog post as the eager baseline): Llama-2-7B bf16 on an
        // A100-80GB at 107.0 tokens/s. Not fitted: the prediction streams the weights at the NVIDIA class's bandwidth
        // share and pays no launch cost; with RuntimeSpeed.GRAPH_LAYER_SHARE read off this row and a vLLM one, the compiled step pays 0.35 of the per-layer cost.
        SpeedCeilings a100 = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "A100 80GB SXM4", 2039e9, 312e12, MemoryTechnology.HBM);
        DeploymentRequest compiled = new DeploymentRequest(LLAMA2_7B, Precision.F16, 4096, 1, GgmlType.F16, RuntimeProfile.TRANSFORMERS_COMPILED);
        assertThat(RuntimeProfile.parse("transformers-compile")).isEqualTo(RuntimeProfile.TRANSFORMERS_COMPILED);
        ServingEstimate e = SpeedModel.serve(compiled, a100, 1, 128, 128);
        assertThat(e.decodeBound()).isEqualTo("bandwidth");
        assertThat(e.decodeTokensPerSecond()).isBetween(107.0 * 0.8, 107.0 * 1.4);
        double eager = SpeedModel.serve(new DeploymentRequest(LLAMA2_7B, Precision.F16, 4096, 1, GgmlType.F16, RuntimeProfile.TRANSFORMERS),
                a100, 1, 128, 128).decodeTokensPerSecond();
        assertThat(e.decodeTokensPerSecond() / eager).isGreaterThan(3.5); // gpt-fast: 107.0 / 25.5 = 4.2x
    }

    @Test
    void quantizedPromptsRunAtTheSharedFractionOfTheDenseRate() {
        SpeedCeilings c = new SpeedCeilings(1e12, 100e12, Map.of(), 0, 0, 1.0, Origin.DATASHEET, "t", 0.5, 0);
        assertThat(c.prefillFlopsFor(GgmlType.Q4_0)).isEqualTo(50e12);
        assertThat(c.prefillFlopsFor(GgmlType.F16)).isEqualTo(100e12);
        double f16 = SpeedModel.serve(request(LLAMA2_7B, Precision.F16, 1), c, 1, 512, 512).prefillTokensPerSecond();
        double q4 = SpeedModel.serve(request(LLAMA2_7B, Precision.Q4_0, 1), c, 1, 512, 512).prefillTokensPerSecond();
        assertThat(q4 / f16).isBetween(0.45, 0.55); // compute-bound prompt: half the rate (the weight read is not binding)
    }

    @Test
    void cpuMemoryAndComputeTimesAddWhileGpuTimesOverlap() {
        Map<GgmlType, Double> rates = Map.of(GgmlType.Q4_0, 20e9);
        SpeedCeilings cpu = new SpeedCeilings(30e9, 50e9, rates, 0, 0, 0.0, Origin.MEASURED, "test");
        SpeedCeilings overlapped = new SpeedCeilings(30e9, 50e9, rates, 0, 0, 1.0, Origin.MEASURED, "test");
        double sum = 1 / SpeedModel.serve(request(LLAMA2_7B, Precision.Q4_0, 1), cpu, 1, 1, 0).decodeTokensPerSecond();
        double max = 1 / SpeedModel.serve(request(LLAMA2_7B, Precision.Q4_0, 1), overlapped, 1, 1, 0).decodeTokensPerSecond();
        double memory = WeightSizer.bytesReadPerToken(LLAMA2_7B, Precision.Q4_0) / 30e9;
        assertThat(sum).isGreaterThan(max + memory * 0.5);
    }

    @Test
    void partialOffloadAddsTheCpuPartsTime() {
        DeploymentRequest r = DeploymentRequest.of(LLAMA2_7B, Precision.Q4_0, 512);
        SpeedCeilings cpu = new SpeedCeilings(40e9, 500e9, Map.of(), 100e-6, 0, 0.0, Origin.DEFAULT, "cpu");
        double gpuOnly = SpeedModel.split(r, 1.0, RTX_4090, cpu).decodeTokensPerSecond();
        double half = SpeedModel.split(r, 0.5, RTX_4090, cpu).decodeTokensPerSecond();
        double cpuOnly = SpeedModel.split(r, 0.0, RTX_4090, cpu).decodeTokensPerSecond();
        assertThat(half).isLessThan(gpuOnly).isGreaterThan(cpuOnly);
        // Half the bytes at 40 GB/s dominates: within 10% of twice the CPU-only speed.
        assertThat(half).isCloseTo(2 * cpuOnly, within(0.2 * cpuOnly));
    }

    @Test
    void badArgumentsNameTheField() {
        DeploymentRequest r = request(LLAMA2_7B, Precision.F16, 1);
        assertThatThrownBy(() -> SpeedModel.serve(r, RTX_4090, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("devices");
        assertThatThrownBy(() -> SpeedModel.split(r, 1.5, RTX_4090, RTX_4090)).hasMessageContaining("gpuFraction");
        assertThatThrownBy(() -> new SpeedCeilings(0, 1, Map.of(), 0, 0, 1, Origin.DEFAULT, "")).hasMessageContaining("bandwidthBytesPerSecond");
        assertThatThrownBy(() -> new ClassConstants(1.2, 0.5, 0, 0, 1, "")).hasMessageContaining("bandwidthEfficiency");
    }

    @Test
    void deviceClassComesFromTheVendorName() {
        assertThat(DeviceClass.ofVendor("NVIDIA Corporation")).isEqualTo(DeviceClass.NVIDIA);
        assertThat(DeviceClass.ofVendor("Advanced Micro Devices, Inc.")).isEqualTo(DeviceClass.AMD);
        assertThat(DeviceClass.ofVendor("Apple")).isEqualTo(DeviceClass.APPLE);
        assertThat(DeviceClass.ofVendor(null)).isEqualTo(DeviceClass.CPU);
    }
}
