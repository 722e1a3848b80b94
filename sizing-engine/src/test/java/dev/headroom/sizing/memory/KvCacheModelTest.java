package dev.headroom.sizing.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;
import org.junit.jupiter.api.Test;

class KvCacheModelTest {
    static final ModelArchitecture LLAMA_3_8B = ModelArchitecture.llama(32, 4096, 32, 8, 14336, 128256, 8192).build();
    static final ModelArchitecture LLAMA_2_7B = ModelArchitecture.llama(32, 4096, 32, 32, 11008, 32000, 4096).build();

    @Test
    void llama3EightBillionAt8192TokensInF16IsExactlyOneGibibyte() {
        // llama.cpp log for Meta-Llama-3-8B, n_ctx 8192: "KV self size = 1024.00 MiB, K (f16): 512.00 MiB,
        // V (f16): 512.00 MiB" (shared/validation/measured_memory.csv row 123).
        assertThat(KvCacheModel.bytes(LLAMA_3_8B, 8192, 1, GgmlType.F16)).isEqualTo(1L << 30);
    }

    @Test
    void llama2SevenBillionAt512TokensMatchesLlamaCppLog() {
        // llama.cpp main, Llama-2-7B, n_ctx 512: "KV self size = 256.00 MiB" (measured_memory.csv row 131).
        assertThat(KvCacheModel.bytes(LLAMA_2_7B, 512, 1, GgmlType.F16)).isEqualTo(256L << 20);
    }

    @Test
    void quantizedCacheUsesBlockBytes() {
        long f16 = KvCacheModel.bytes(LLAMA_3_8B, 8192, 1, GgmlType.F16);
        // Q8_0 stores 32 values in 34 bytes: 1.0625 bytes per element against F16's 2.
        assertThat(KvCacheModel.bytes(LLAMA_3_8B, 8192, 1, GgmlType.Q8_0)).isEqualTo(f16 / 2 * 34 / 32);
    }

    @Test
    void slidingWindowLayersHoldAtMostTheWindow() {
        ModelArchitecture windowed = LLAMA_3_8B.toBuilder().slidingWindow(4096, 32).build();
        assertThat(KvCacheModel.bytes(windowed, 32768, 1, GgmlType.F16))
                .isEqualTo(KvCacheModel.bytes(LLAMA_3_8B, 4096, 1, GgmlType.F16));
    }

    @Test
    void parallelSequencesMultiplyTheCache() {
        assertThat(KvCacheModel.bytes(LLAMA_3_8B, 4096, 4, GgmlType.F16))
                .isEqualTo(4 * KvCacheModel.bytes(LLAMA_3_8B, 4096, 1, GgmlType.F16));
    }

    @Test
    void nonPositiveContextIsRejectedWithTheFieldName() {
        assertThatThrownBy(() -> KvCacheModel.bytes(LLAMA_3_8B, 0, 1, GgmlType.F16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context");
    }
}
