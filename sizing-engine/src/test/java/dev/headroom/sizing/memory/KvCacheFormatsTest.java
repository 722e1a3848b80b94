package dev.headroom.sizing.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.ReferenceModels;
import org.junit.jupiter.api.Test;

class KvCacheFormatsTest {
    private static final long F16_8K = 1L << 30; // Llama-3-8B, 8192 tokens, F16 (measured_memory.csv row 123)

    @Test
    void quantizedCachesScaleByTheirBlockLayouts() {
        // Q8_0: 34 bytes per 32 values = 1.0625 B; Q4_0: 18 per 32 = 0.5625 B (ggml-common.h).
        assertThat(KvCacheModel.bytes(ReferenceModels.LLAMA_3_8B, 8192, 1, KvCacheFormat.Q8_0, 1)).isEqualTo(F16_8K / 2 * 34 / 32);
        assertThat(KvCacheModel.bytes(ReferenceModels.LLAMA_3_8B, 8192, 1, KvCacheFormat.Q4_0, 1)).isEqualTo(F16_8K / 2 * 18 / 32);
        assertThat(KvCacheModel.bytes(ReferenceModels.LLAMA_3_8B, 8192, 1, KvCacheFormat.FP8, 1)).isEqualTo(F16_8K / 2);
    }

    @Test
    void vllmAllocatesWholeSixteenTokenBlocksPerSequence() {
        long oneToken = KvCacheModel.bytesPerToken(ReferenceModels.LLAMA_3_8B, KvCacheFormat.F16);
        assertThat(oneToken).isEqualTo(131072); // 32 layers x 8 heads x 128 x 2 x 2 B = 128 KiB per token
        assertThat(KvCacheModel.bytes(ReferenceModels.LLAMA_3_8B, 17, 4, KvCacheFormat.F16, 16)).isEqualTo(4 * 32 * oneToken);
    }

    @Test
    void slidingWindowLayersHoldOnlyTheWindow() {
        // Mistral-7B-v0.1: sliding_window 4096 on every layer, so 32K tokens cost what 4K cost.
        assertThat(KvCacheModel.bytes(ReferenceModels.MISTRAL_7B, 32768, 1, KvCacheFormat.F16, 1))
                .isEqualTo(KvCacheModel.bytes(ReferenceModels.MISTRAL_7B, 4096, 1, KvCacheFormat.F16, 1));
        // Gemma-2-2B: half the layers windowed at 4096, head_dim 256 explicit.
        long full = 26L * 4 * 256 * 2 * 2;
        assertThat(KvCacheModel.bytes(ReferenceModels.GEMMA_2_2B, 8192, 1, KvCacheFormat.F16, 1))
                .isEqualTo(full / 2 * 8192 + full / 2 * 4096);
    }

    @Test
    void encodersKeepNoCache() {
        assertThat(KvCacheModel.bytes(ReferenceModels.BERT_BASE, 512, 8, KvCacheFormat.F16, 1)).isZero();
    }
}
