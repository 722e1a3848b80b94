package dev.headroom.sizing.quant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.ReferenceModels;
import dev.headroom.sizing.model.TensorRole;
import org.junit.jupiter.api.Test;

/** Rules of llama.cpp's llama_tensor_get_type (src/llama-quant.cpp), one behaviour per test. */
class TensorTypePlannerTest {
    @Test
    void useMoreBitsPicksTheFirstAndLastEighthAndEveryThirdLayerBetween() {
        int count = 0;
        for (int i = 0; i < 32; i++) {
            count += TensorTypePlanner.useMoreBits(i, 32) ? 1 : 0;
        }
        // layers 0-3 and 28-31, plus (i - 4) % 3 == 2 for i in 4..27: 6, 9, ..., 27 (8 layers)
        assertThat(count).isEqualTo(16);
    }

    @Test
    void seventyBillionClassModelsLiftAttentionValueToQ5K() {
        assertThat(TensorTypePlanner.typeFor(Precision.Q4_K_M, TensorRole.ATTENTION_V, 20, 8192, ReferenceModels.LLAMA_3_70B))
                .isEqualTo(GgmlType.Q5_K);
        assertThat(TensorTypePlanner.typeFor(Precision.Q4_K_M, TensorRole.ATTENTION_V, 20, 4096, ReferenceModels.LLAMA_3_8B))
                .isEqualTo(GgmlType.Q4_K);
    }

    @Test
    void eightExpertModelsKeepAttentionKeysAndValuesInQ8() {
        assertThat(TensorTypePlanner.typeFor(Precision.Q4_K_M, TensorRole.ATTENTION_K, 5, 4096, ReferenceModels.MIXTRAL_8X7B))
                .isEqualTo(GgmlType.Q8_0);
        assertThat(TensorTypePlanner.typeFor(Precision.Q4_K_M, TensorRole.ATTENTION_OUTPUT, 5, 4096, ReferenceModels.MIXTRAL_8X7B))
                .isEqualTo(GgmlType.Q5_K);
    }

    @Test
    void falconKeepsItsOutputHeadInQ8() {
        assertThat(TensorTypePlanner.typeFor(Precision.Q4_K_M, TensorRole.TOKEN_EMBEDDING, -1, 4544, ReferenceModels.FALCON_7B))
                .isEqualTo(GgmlType.Q8_0);
    }

    @Test
    void rowsThatAreNotWholeSuperBlocksFallBack() {
        // Qwen2.5-0.5B: hidden 896 = 3.5 x 256, so Q4_K rows over the hidden dimension become Q5_0.
        assertThat(TensorTypePlanner.typeFor(Precision.Q4_K_M, TensorRole.ATTENTION_Q, 3, 896, ReferenceModels.QWEN2_5_0_5B))
                .isEqualTo(GgmlType.Q5_0);
        assertThat(TensorTypePlanner.fallbackForRow(GgmlType.Q3_K, 896)).isEqualTo(GgmlType.Q4_0);
        assertThat(TensorTypePlanner.fallbackForRow(GgmlType.Q6_K, 896)).isEqualTo(GgmlType.Q8_0);
        assertThat(TensorTypePlanner.fallbackForRow(GgmlType.Q4_K, 100)).isEqualTo(GgmlType.F16);
    }

    @Test
    void q3KmRaisesEveryDownProjectionOutsideFalcon() {
        assertThat(TensorTypePlanner.typeFor(Precision.Q3_K_M, TensorRole.FFN_DOWN, 1, 14336, ReferenceModels.LLAMA_3_8B))
                .isEqualTo(GgmlType.Q5_K);
        assertThat(TensorTypePlanner.typeFor(Precision.Q3_K_M, TensorRole.FFN_DOWN, 10, 14336, ReferenceModels.LLAMA_3_8B))
                .isEqualTo(GgmlType.Q4_K);
        assertThat(TensorTypePlanner.typeFor(Precision.Q3_K_M, TensorRole.FFN_GATE, 10, 4096, ReferenceModels.LLAMA_3_8B))
                .isEqualTo(GgmlType.Q3_K);
    }

    @Test
    void q2KUsesMoreBitsForValuesWhenFourQueryHeadsShareOne() {
        assertThat(TensorTypePlanner.typeFor(Precision.Q2_K, TensorRole.ATTENTION_V, 9, 4096, ReferenceModels.LLAMA_3_8B))
                .isEqualTo(GgmlType.Q4_K);
        assertThat(TensorTypePlanner.typeFor(Precision.Q2_K, TensorRole.ATTENTION_V, 9, 4096, ReferenceModels.LLAMA_2_7B))
                .isEqualTo(GgmlType.Q3_K);
    }

    @Test
    void fusedQkvTensorsFollowTheValueRulesAsAWhole() {
        // Phi-3 GGUF files hold one attn_qkv per layer; Q4_K_M gives it Q6_K on use_more_bits layers.
        assertThat(TensorTypePlanner.typeFor(Precision.Q4_K_M, TensorRole.ATTENTION_Q, 0, 3072, ReferenceModels.PHI_3_MINI))
                .isEqualTo(GgmlType.Q6_K);
        assertThat(TensorTypePlanner.typeFor(Precision.Q4_K_M, TensorRole.ATTENTION_Q, 0, 4096, ReferenceModels.LLAMA_3_8B))
                .isEqualTo(GgmlType.Q4_K);
    }

    @Test
    void normsRoutersAndPositionTablesStayF32() {
        assertThat(TensorTypePlanner.typeFor(Precision.Q4_0, TensorRole.NORM, 0, 4096, ReferenceModels.LLAMA_2_7B)).isEqualTo(GgmlType.F32);
        assertThat(TensorTypePlanner.typeFor(Precision.F16, TensorRole.MOE_ROUTER, 0, 4096, ReferenceModels.MIXTRAL_8X7B)).isEqualTo(GgmlType.F32);
    }

    @Test
    void precisionNamesParseWithAliasesAndSuggestTheNearest() {
        assertThat(Precision.parse("fp8")).isEqualTo(Precision.FP8_E4M3);
        assertThat(Precision.parse("nf4")).isEqualTo(Precision.BNB_NF4);
        assertThat(Precision.parse("q4_k_m")).isEqualTo(Precision.Q4_K_M);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Precision.parse("q4km"))
                .hasMessageContaining("did you mean").hasMessageContaining("valid: F32");
    }
}
