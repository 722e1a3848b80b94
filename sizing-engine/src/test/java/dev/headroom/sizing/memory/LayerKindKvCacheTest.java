package dev.headroom.sizing.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.model.ArchitectureExtensionsTest;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import org.junit.jupiter.api.Test;

/**
 * The KV cache and recurrent state of current architectures against what the runtimes print. llama.cpp
 * defaults: context padded to 256 cells, n_ubatch 512, F16 cache ({@link RuntimeProfile#LLAMA_CPP}).
 */
class LayerKindKvCacheTest {
    private static final long MIB = 1L << 20;
    private static final int LLAMA_PAD = 256;
    private static final int UBATCH = 512;

    private static long llamaCpp(ModelArchitecture a, long context) {
        return KvCacheModel.bytes(a, context, 1, KvCacheFormat.F16, LLAMA_PAD, UBATCH);
    }

    @Test
    void latentAttentionCachesLatentPlusRopePerLayer() {
        // ggml-org/llama.cpp#11446 (MLA for DeepSeek-V3, n_ctx 32768, 61 layers): "KV self size = 2196.00 MiB,
        // K^R (f16): 244.00 MiB, c^KV (f16): 1952.00 MiB" = 61 x 32768 x (64 + 512) x 2 bytes. vLLM's MLA backends
        // keep the same 576 values per token and layer (kv_lora_rank + qk_rope_head_dim, one KV head), and so does
        // llama.cpp's V-less MLA cache (ggml-org/llama.cpp#19067).
        assertThat(llamaCpp(ArchitectureExtensionsTest.DEEPSEEK_V3, 32768)).isEqualTo(2196 * MIB);
        // The decompressed cache a naive calculator reports: 128 heads x (192 + 128) x 61 layers x 2 bytes per token.
        long naive = 32768L * 61 * 128 * (192 + 128) * 2;
        assertThat(naive / llamaCpp(ArchitectureExtensionsTest.DEEPSEEK_V3, 32768)).isEqualTo(71);
    }

    @Test
    void slidingLayersKeepTheWindowPlusOneMicroBatch() {
        // ggml-org/llama.cpp#17609 (gpt-oss, n_ctx 4096): "llama_kv_cache_iswa: creating SWA KV cache, size = 768 cells"
        // and "llama_kv_cache: size = 18.00 MiB (768 cells, 12 layers, 1/1 seqs), K (f16): 9.00 MiB, V (f16): 9.00 MiB":
        // GGML_PAD(128 + 512, 256) = 768 cells x 12 layers x 8 KV heads x 64 x 2 (K,V) x 2 bytes. The 12 full layers hold
        // the 4096 cells: 12 x 4096 x 2048 bytes = 96 MiB.
        assertThat(llamaCpp(ArchitectureExtensionsTest.GPT_OSS_20B, 4096)).isEqualTo(96 * MIB + 18 * MIB);
        // At 32k only the full layers grow: 768 MiB + the same 18 MiB.
        assertThat(llamaCpp(ArchitectureExtensionsTest.GPT_OSS_20B, 32768)).isEqualTo(768 * MIB + 18 * MIB);
        // vLLM keeps the window per sequence in 16-token blocks, without the micro-batch.
        assertThat(KvCacheModel.bytes(ArchitectureExtensionsTest.GPT_OSS_20B, 32768, 1, KvCacheFormat.F16, 16))
                .isEqualTo(12L * 32768 * 2048 + 12L * 128 * 2048);
    }

    @Test
    void gemma3GlobalLayersAloneGrowWithTheContext() {
        // Gemma 3 12B: 8 global layers x 32768 cells + 40 local layers x GGML_PAD(1024 + 512, 256) = 1536 cells,
        // 8 KV heads x 256 x 2 (K,V) x 2 bytes = 8 KiB per token and layer (llama-kv-cache-iswa.cpp).
        long expected = (8L * 32768 + 40L * 1536) * 8192;
        assertThat(llamaCpp(ArchitectureExtensionsTest.GEMMA_3_12B, 32768)).isEqualTo(expected);
        assertThat(expected / MIB).isEqualTo(2528);
    }

    @Test
    void recurrentStateIsConstantInTheContext() {
        ModelArchitecture jamba = ArchitectureExtensionsTest.JAMBA;
        // llama-memory-recurrent.cpp: per sequence and Mamba layer, R = (d_conv - 1) x d_inner = 3 x 8192 and
        // S = d_state x d_inner = 16 x 8192 values, F32; Jamba has 28 Mamba layers.
        long state = 28L * (3 * 8192 + 16 * 8192) * 4;
        assertThat(KvCacheModel.recurrentStateBytes(jamba)).isEqualTo(state);
        long at4k = llamaCpp(jamba, 4096);
        long at32k = llamaCpp(jamba, 32768);
        // Only the 4 attention layers grow: 4 x (32768 - 4096) x 8 x 128 x 2 x 2 bytes.
        assertThat(at32k - at4k).isEqualTo(4L * (32768 - 4096) * 4096);
        assertThat(at32k).isEqualTo(4L * 32768 * 4096 + state);
        // Two sequences hold two states.
        assertThat(KvCacheModel.bytes(jamba, 32768, 2, KvCacheFormat.F16, LLAMA_PAD, UBATCH)).isEqualTo(2 * at32k);
    }

    @Test
    void gatedDeltaNetStateIsAMatrixPerValueHead() {
        ModelArchitecture next = ArchitectureExtensionsTest.QWEN3_NEXT;
        // Per DeltaNet layer: conv (4 - 1) x (2 x 16 x 128 + 32 x 128) plus 32 x 128 x 128, F32; 36 such layers.
        long perLayer = 3L * (2 * 16 * 128 + 32 * 128) + 32L * 128 * 128;
        assertThat(KvCacheModel.recurrentStateBytes(next)).isEqualTo(36 * perLayer * 4);
        // 12 gated attention layers: 2 KV heads x 256 x 2 x 2 bytes per token.
        assertThat(llamaCpp(next, 32768)).isEqualTo(12L * 32768 * 2048 + 36 * perLayer * 4);
    }

    @Test
    void memoryModelUsesTheRuntimeWindowAllocation() {
        MemoryRequest r = MemoryRequest.of(ArchitectureExtensionsTest.GPT_OSS_20B, Precision.MXFP4_MOE, 32768);
        assertThat(MemoryModel.estimate(r).kvCacheBytes()).isEqualTo(786 * MIB);
    }

    @Test
    void mxfp4FilesHoldExpertsInSeventeenBytesPerThirtyTwo() {
        // ggml-org/llama.cpp#15253 (gpt-oss-120b MXFP4 GGUF): "type f32: 433 tensors, type q8_0: 146 tensors,
        // type mxfp4: 108 tensors ... file size = 59.02 GiB (4.34 BPW)". llama.cpp's "file size" is the sum of the
        // tensors' bytes (llama_model_loader n_bytes), printed to two decimals.
        double gib = WeightSizer.weightBytes(ArchitectureExtensionsTest.GPT_OSS_120B, Precision.MXFP4_MOE) / (double) (1L << 30);
        assertThat(gib).isGreaterThanOrEqualTo(59.015).isLessThan(59.025);
        assertThat(GgmlType.MXFP4.bytesFor(32, 32)).isEqualTo(17);
        assertThat(GgmlType.ofId(39)).isEqualTo(GgmlType.MXFP4);
    }
}
