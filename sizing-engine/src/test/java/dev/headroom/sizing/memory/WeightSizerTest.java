package dev.headroom.sizing.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.ReferenceModels;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WeightSizerTest {
    private static final double GIB = 1L << 30;

    // "model size" as llama.cpp / llama-bench printed it, in GiB with two decimals:
    // shared/validation/measured_memory.csv rows 132-154 and llama_bench_llama2.csv model_size_gib.
    static Stream<Arguments> printedGgufSizes() {
        return Stream.of(
                Arguments.of("Llama-2-7B", ReferenceModels.LLAMA_2_7B, Precision.Q4_0, 3.56),
                Arguments.of("Llama-2-7B", ReferenceModels.LLAMA_2_7B, Precision.Q8_0, 6.67),
                Arguments.of("Llama-2-7B", ReferenceModels.LLAMA_2_7B, Precision.F16, 12.55),
                Arguments.of("Llama-2-13B", ReferenceModels.LLAMA_2_13B, Precision.Q4_0, 6.86),
                Arguments.of("Llama-2-13B", ReferenceModels.LLAMA_2_13B, Precision.F16, 24.24),
                Arguments.of("Llama-2-70B", ReferenceModels.LLAMA_2_70B, Precision.Q4_0, 36.20),
                Arguments.of("Llama-2-70B", ReferenceModels.LLAMA_2_70B, Precision.F16, 128.48),
                Arguments.of("LLaMA-1 30B", ReferenceModels.LLAMA_1_30B, Precision.Q4_0, 17.09),
                Arguments.of("LLaMA-1 30B", ReferenceModels.LLAMA_1_30B, Precision.F16, 60.59),
                Arguments.of("LLaMA-1 65B", ReferenceModels.LLAMA_1_65B, Precision.Q4_0, 34.27),
                Arguments.of("LLaMA-1 65B", ReferenceModels.LLAMA_1_65B, Precision.F16, 121.61),
                Arguments.of("Llama-3-8B", ReferenceModels.LLAMA_3_8B, Precision.F16, 14.96),
                Arguments.of("Llama-3-8B", ReferenceModels.LLAMA_3_8B, Precision.Q4_K_M, 4.58),
                Arguments.of("Llama-3-70B", ReferenceModels.LLAMA_3_70B, Precision.Q4_K_M, 39.59),
                Arguments.of("Llama-3-70B", ReferenceModels.LLAMA_3_70B, Precision.F16, 131.42),
                Arguments.of("Llama-3.1-70B", ReferenceModels.LLAMA_3_70B, Precision.Q4_0, 37.22));
    }

    @ParameterizedTest(name = "{0} {2} = {3} GiB")
    @MethodSource("printedGgufSizes")
    void predictsTheModelSizeLlamaCppPrintsToItsLastDigit(String name, ModelArchitecture arch, Precision p, double gib) {
        assertThat(WeightSizer.weightBytes(arch, p) / GIB).isCloseTo(gib, within(0.005));
    }

    @Test
    void splitsLlama3Q4KmIntoTheLoggedGpuAndHostBuffersToTheMebibyte() {
        // measured_memory.csv rows 121-122: "CUDA0 buffer size = 4403.49 MiB", "CPU buffer size = 281.81 MiB"
        // (llama.cpp keeps token_embd in host memory with -ngl all).
        long total = WeightSizer.weightBytes(ReferenceModels.LLAMA_3_8B, Precision.Q4_K_M);
        long embedding = WeightSizer.tokenEmbeddingBytes(ReferenceModels.LLAMA_3_8B, Precision.Q4_K_M);
        assertThat((total - embedding) / 1048576.0).isCloseTo(4403.49, within(0.005));
        assertThat(embedding / 1048576.0).isCloseTo(281.81, within(0.005));
    }

    @Test
    void q4KmIsNotFourBitsButAboutFourPointEight() {
        double bits = WeightSizer.weightBytes(ReferenceModels.LLAMA_3_8B, Precision.Q4_K_M) * 8.0
                / dev.headroom.sizing.model.ParameterCounter.totalParameters(ReferenceModels.LLAMA_3_8B);
        assertThat(bits).isBetween(4.8, 4.95);
    }

    @Test
    void typeMixOfQ4KmUsesQ6KForHalfTheValueAndDownProjections() {
        var byType = WeightSizer.bytesByType(ReferenceModels.LLAMA_3_8B, Precision.Q4_K_M);
        assertThat(byType).containsOnlyKeys(GgmlType.F32, GgmlType.Q4_K, GgmlType.Q6_K);
        long sum = byType.values().stream().mapToLong(Long::longValue).sum();
        assertThat(sum).isEqualTo(WeightSizer.weightBytes(ReferenceModels.LLAMA_3_8B, Precision.Q4_K_M));
    }

    @Test
    void layerBytesSumWithTheOutsideTensorsToTheWholeModel() {
        ModelArchitecture a = ReferenceModels.LLAMA_3_70B;
        long sum = WeightSizer.outsideBytes(a, Precision.Q3_K_M);
        for (int layer = 0; layer < a.layers(); layer++) {
            sum += WeightSizer.layerBytes(a, Precision.Q3_K_M, layer);
        }
        assertThat(sum).isEqualTo(WeightSizer.weightBytes(a, Precision.Q3_K_M));
    }

    @Test
    void checkpointFormatsKeepEmbeddingsInSixteenBits() {
        ModelArchitecture a = ReferenceModels.LLAMA_2_7B;
        long embeddings = 2L * 32000 * 4096 * 2; // token_embd + lm_head in FP16
        long matrices = 32L * (4L * 4096 * 4096 + 3L * 4096 * 11008);
        long norms = (32L * 2 + 1) * 4096 * 2;
        // AWQ g128: 4 bits + (FP16 scale + 4-bit zero) per 128 weights (AutoAWQ WQLinear_GEMM).
        assertThat(WeightSizer.weightBytes(a, Precision.AWQ_INT4)).isEqualTo(embeddings + norms + matrices / 2 + matrices / 128 * 5 / 2);
        // FP8: one byte per weight plus a per-tensor FP32 scale (7 matrices per layer).
        assertThat(WeightSizer.weightBytes(a, Precision.FP8_E4M3)).isEqualTo(embeddings + norms + matrices + 32L * 7 * 4);
        // NF4 with double quantization costs ~4.127 bits per quantized weight (QLoRA paper, section 3).
        long nf4 = WeightSizer.weightBytes(a, Precision.BNB_NF4) - embeddings - norms;
        assertThat(nf4 * 8.0 / matrices).isCloseTo(4.127, within(0.01));
    }
}
