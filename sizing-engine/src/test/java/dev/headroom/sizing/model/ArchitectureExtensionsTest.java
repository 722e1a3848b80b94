package dev.headroom.sizing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.ReferenceModels;
import dev.headroom.sizing.memory.WeightSizer;
import dev.headroom.sizing.quant.Precision;
import org.junit.jupiter.api.Test;

/**
 * Parameter counts of the 2026 architectures from their config.json, against the counts their publishers
 * and llama.cpp state. Each architecture exercises one extension.
 */
public class ArchitectureExtensionsTest {
    /** deepseek-ai/DeepSeek-V3 config.json: MLA (q_lora_rank 1536, kv_lora_rank 512, rope 64, nope 128, v 128),
     * 3 dense layers of 18432, 58 MoE layers of 256 routed experts of 2048 (8 per token) + 1 shared, noaux_tc router bias. */
    public static final ModelArchitecture DEEPSEEK_V3 = ModelArchitecture.llama(61, 7168, 128, 128, 18432, 129280, 163840)
            .headDim(192).experts(256, 8)
            .extensions(ArchitectureExtensions.builder().latentAttention(1536, 512, 64, 128, 128).moeIntermediateSize(2048)
                    .sharedExperts(1, 2048, false).moeLayers(3, 1, 0).routerBias(true).build())
            .build();
    /** openai/gpt-oss-20b config.json: 24 layers alternating sliding (128) / full, sinks, 32 experts (4 per token), biases. */
    public static final ModelArchitecture GPT_OSS_20B = ModelArchitecture.llama(24, 2880, 64, 8, 2880, 201088, 131072)
            .headDim(64).experts(32, 4).qkvBias(true).outputBias(true).slidingWindow(128, 0)
            .extensions(ArchitectureExtensions.builder().layerPattern("sa").attentionSinks(true).routerBias(true).build())
            .build();
    /** openai/gpt-oss-120b config.json: as 20b with 36 layers and 128 experts. */
    public static final ModelArchitecture GPT_OSS_120B = ModelArchitecture.llama(36, 2880, 64, 8, 2880, 201088, 131072).headDim(64).experts(128, 4).qkvBias(true)
            .outputBias(true).slidingWindow(128, 0).extensions(GPT_OSS_20B.extensions()).build();
    /** google/gemma-3-12b-it config.json text_config: 48 layers, 5 local (1024) : 1 global, head_dim 256, q/k norms. */
    public static final ModelArchitecture GEMMA_3_12B = ModelArchitecture.llama(48, 3840, 16, 8, 15360, 262208, 131072)
            .headDim(256).tiedEmbeddings(true).normsPerLayer(4).slidingWindow(1024, 0)
            .extensions(ArchitectureExtensions.builder().layerPattern("sssssa").qkNorm(true).build()).build();
    /** ai21labs/Jamba-v0.1 config.json: Mamba (d_inner 8192, d_state 16, d_conv 4, dt_rank 256) with attention at
     * layer 4 of every 8, 16 experts (2 per token) on odd layers. */
    public static final ModelArchitecture JAMBA = ModelArchitecture.llama(32, 4096, 32, 8, 14336, 65536, 262144).experts(16, 2)
            .extensions(ArchitectureExtensions.builder().layerPattern("nnnnannn").moeLayers(0, 2, 1).mamba(8192, 16, 4, 256).build())
            .build();
    /** Qwen/Qwen3-Next-80B-A3B-Instruct config.json: 3 gated DeltaNet : 1 gated attention, 512 experts of 512 (10 per
     * token) + a gated shared expert of 512. */
    public static final ModelArchitecture QWEN3_NEXT = ModelArchitecture.llama(48, 2048, 16, 2, 5120, 151936, 262144).headDim(256)
            .experts(512, 10)
            .extensions(ArchitectureExtensions.builder().layerPattern("llla").qkNorm(true).gatedAttention(true)
                    .moeIntermediateSize(512).sharedExperts(1, 512, true).linearAttention(16, 32, 128, 128, 4).build())
            .build();

    @Test
    void deepSeekV3CountsSixHundredSeventyOneBillion() {
        // DeepSeek-V3 technical report (arXiv 2412.19437) section 1: "671B total parameters with 37B activated for each
        // token" (the 685B of the Hugging Face checkpoint adds the 14B multi-token-prediction module).
        assertThat(ParameterCounter.totalParameters(DEEPSEEK_V3) / 1e9).isCloseTo(671, within(0.5));
        assertThat((ParameterCounter.activeParametersPerToken(DEEPSEEK_V3) + 7168L * 129280) / 1e9).isCloseTo(37, within(0.6));
    }

    @Test
    void latentAttentionBlockHasTheProjectionsOfTheCheckpoint() {
        // modeling_deepseek.py DeepseekV3Attention: q_a_proj 7168x1536, q_b_proj 1536x(128x192), kv_a_proj_with_mqa
        // 7168x(512+64), kv_b_proj 512x(128x(128+128)), o_proj (128x128)x7168, q_a/kv_a layernorms.
        long attention = 7168L * 1536 + 1536L * 128 * 192 + 7168L * 576 + 512L * 128 * 256 + 128L * 128 * 7168;
        long mlp = 3L * 7168 * 18432;
        long norms = 2L * 7168 + 1536 + 512;
        long dense = ParameterCounter.blockTemplate(DEEPSEEK_V3, 0).stream().mapToLong(TensorGroup::parameters).sum();
        assertThat(dense).isEqualTo(attention + mlp + norms);
        long moe = ParameterCounter.blockTemplate(DEEPSEEK_V3, 3).stream().mapToLong(TensorGroup::parameters).sum();
        // 256 routed + 1 shared expert of 3 x 7168 x 2048, router 256 x 7168 + 256 correction biases.
        assertThat(moe).isEqualTo(attention + 257L * 3 * 7168 * 2048 + 256L * 7168 + 256 + norms);
    }

    @Test
    void gptOssCountsMatchLlamaCppAndTheModelCard() {
        // llama.cpp print_info for gpt-oss-20b: "model params = 20.91 B" (ikawrakow/ik_llama.cpp#822);
        // gpt-oss model card (arXiv 2508.10925) table 1: 20b 20.91B total, 3.61B active; 120b 116.83B total.
        assertThat(ParameterCounter.totalParameters(GPT_OSS_20B) / 1e9).isCloseTo(20.91, within(0.005));
        assertThat(ParameterCounter.totalParameters(GPT_OSS_120B) / 1e9).isCloseTo(116.83, within(0.005));
        assertThat(ParameterCounter.activeParametersPerToken(GPT_OSS_20B) / 1e9).isCloseTo(3.61, within(0.01));
    }

    @Test
    void sinksAreOneValuePerHeadInEveryAttentionLayer() {
        ModelArchitecture noSinks = GPT_OSS_20B.toBuilder()
                .extensions(GPT_OSS_20B.extensions().toBuilder().attentionSinks(false).build()).build();
        assertThat(ParameterCounter.totalParameters(GPT_OSS_20B) - ParameterCounter.totalParameters(noSinks)).isEqualTo(24L * 64);
    }

    @Test
    void gemma3TwelveBillionMatchesLlamaCpp() {
        // llama-bench in ggml-org/llama.cpp#13194: "gemma3 12B Q4_K - Medium | 6.79 GiB | 11.77 B".
        assertThat(ParameterCounter.totalParameters(GEMMA_3_12B) / 1e9).isCloseTo(11.77, within(0.005));
        assertThat(GEMMA_3_12B.layersOf(LayerKind.SLIDING_ATTENTION)).isEqualTo(40);
        assertThat(GEMMA_3_12B.slidingWindowLayers()).as("derived from the pattern").isEqualTo(40);
        assertThat(GEMMA_3_12B.layerKind(5)).isEqualTo(LayerKind.FULL_ATTENTION);
        assertThat(GEMMA_3_12B.layerKind(6)).isEqualTo(LayerKind.SLIDING_ATTENTION);
    }

    @Test
    void jambaCountsFiftyTwoBillionWithTwelveActive() {
        // Jamba paper (arXiv 2403.19887) section 3: "12B active parameters ... 52B total available parameters".
        assertThat(ParameterCounter.totalParameters(JAMBA) / 1e9).isCloseTo(51.6, within(0.1));
        assertThat(ParameterCounter.activeParametersPerToken(JAMBA) / 1e9).isCloseTo(12, within(0.5));
        assertThat(JAMBA.layersOf(LayerKind.FULL_ATTENTION)).isEqualTo(4);
        assertThat(JAMBA.isMoeLayer(0)).isFalse();
        assertThat(JAMBA.isMoeLayer(1)).isTrue();
    }

    @Test
    void qwen3NextCountsEightyBillionWithThreeActive() {
        // Qwen3-Next-80B-A3B model card: "80B in total and 3B activated".
        assertThat(ParameterCounter.totalParameters(QWEN3_NEXT) / 1e9).isCloseTo(80, within(0.5));
        assertThat(ParameterCounter.activeParametersPerToken(QWEN3_NEXT) / 1e9).isCloseTo(3.5, within(0.5));
        assertThat(QWEN3_NEXT.layersOf(LayerKind.LINEAR_ATTENTION)).isEqualTo(36);
    }

    @Test
    void sharedExpertsAreReadWholeByEveryToken() {
        // Active per MoE layer = shared + top-k of the routed; removing DeepSeek-V3's shared expert removes
        // 58 MoE layers x 3 x 7168 x 2048 from every token.
        ModelArchitecture noShared = DEEPSEEK_V3.toBuilder()
                .extensions(DEEPSEEK_V3.extensions().toBuilder().sharedExperts(0, 0, false).build()).build();
        assertThat(ParameterCounter.activeParametersPerToken(DEEPSEEK_V3) - ParameterCounter.activeParametersPerToken(noShared))
                .isEqualTo(58L * 3 * 7168 * 2048);
        // bytes read per token follow the same groups: the shared expert adds its bytes, the routed only their share.
        long withShared = WeightSizer.bytesReadPerToken(DEEPSEEK_V3, Precision.F16);
        long without = WeightSizer.bytesReadPerToken(noShared, Precision.F16);
        assertThat(withShared - without).isEqualTo(58L * 3 * 7168 * 2048 * 2);
    }

    @Test
    void activationWidthCountsTheExpertsATokenUses() {
        // DeepSeek-V3: 8 routed x 2048 + 1 shared x 2048 = 18432, the same as its dense layers (not 8 x 18432).
        assertThat(DEEPSEEK_V3.activeFeedForwardWidth()).isEqualTo(18432);
        // Mixtral-8x7B: 2 x 14336, as before the extensions.
        assertThat(ReferenceModels.MIXTRAL_8X7B.activeFeedForwardWidth()).isEqualTo(2L * 14336);
        // Qwen3-Next: 10 x 512 + 512.
        assertThat(QWEN3_NEXT.activeFeedForwardWidth()).isEqualTo(11L * 512);
    }

    @Test
    void parametersBytesAndBytesReadFollowTheSameGroups() {
        for (ModelArchitecture a : new ModelArchitecture[] {DEEPSEEK_V3, GPT_OSS_20B, GEMMA_3_12B, JAMBA, QWEN3_NEXT}) {
            long total = ParameterCounter.tensorGroups(a).stream().mapToLong(TensorGroup::parameters).sum();
            assertThat(total).isEqualTo(ParameterCounter.totalParameters(a));
            // F32 stores every weight in 4 bytes, so the byte count is exactly 4 x the count of the same groups.
            assertThat(WeightSizer.weightBytes(a, Precision.F32)).isEqualTo(4 * total);
            assertThat(WeightSizer.bytesReadPerToken(a, Precision.F32)).isLessThanOrEqualTo(4 * total);
        }
    }

    @Test
    void aPlainDecoderIsUnchangedByTheExtensions() {
        ModelArchitecture plain = ReferenceModels.LLAMA_3_8B;
        ModelArchitecture explicit = plain.toBuilder().extensions(ArchitectureExtensions.NONE).build();
        assertThat(explicit).isEqualTo(plain);
        // Meta-Llama-3-8B: 8,030,261,248 parameters (safetensors total, shared/validation/model_configs.csv).
        assertThat(ParameterCounter.totalParameters(plain)).isEqualTo(8_030_261_248L);
        for (int layer = 0; layer < plain.layers(); layer++) {
            assertThat(plain.layerKind(layer)).isEqualTo(LayerKind.FULL_ATTENTION);
        }
    }

    @Test
    void invalidExtensionsAreRejectedWithTheField() {
        assertThatThrownBy(() -> ArchitectureExtensions.builder().layerPattern("ax").build())
                .hasMessageContaining("'x' is not a layer kind");
        assertThatThrownBy(() -> ArchitectureExtensions.builder().layerPattern("m").build())
                .hasMessageContaining("Mamba-2 layers need");
        assertThatThrownBy(() -> ArchitectureExtensions.builder().latentAttention(0, 512, 0, 128, 128).build())
                .hasMessageContaining("qkRopeHeadDim");
        assertThatThrownBy(() -> ModelArchitecture.llama(4, 64, 4, 4, 128, 100, 1024)
                .extensions(ArchitectureExtensions.builder().layerPattern("sa").build()).build())
                .hasMessageContaining("no window");
        assertThatThrownBy(() -> ModelArchitecture.llama(2_000_000_000, 64, 4, 4, 128, 100, 1024)
                .extensions(ArchitectureExtensions.builder().layerPattern("a").build()).build())
                .hasMessageContaining("exceeds 65536");
    }

    @Test
    void anExplicitPerLayerListEqualsItsPeriod() {
        ArchitectureExtensions explicit = ArchitectureExtensions.builder().layerPattern("sasasasa").build();
        ModelArchitecture a = GPT_OSS_20B.toBuilder().extensions(GPT_OSS_20B.extensions().toBuilder().layerPattern("sa".repeat(12)).build()).build();
        assertThat(a).isEqualTo(GPT_OSS_20B);
        assertThat(a.extensions().layerPattern()).isEqualTo("sa");
        assertThat(explicit.layerPattern()).as("the record alone keeps what it was given").isEqualTo("sasasasa");
    }
}
