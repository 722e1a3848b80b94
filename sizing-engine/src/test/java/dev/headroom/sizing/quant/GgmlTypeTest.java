package dev.headroom.sizing.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.memory.WeightSizer;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.units.ByteUnits;
import org.junit.jupiter.api.Test;

class GgmlTypeTest {
    @Test
    void blockLayoutsMatchGgmlCommonStructs() {
        // ggml-common.h: block_q4_0 = half d + 16 bytes qs (32 weights); block_q8_0 = half d + 32 int8;
        // block_q4_K = 2 half + 12 scale bytes + 128 bytes (256 weights); block_q6_K = 128 + 64 + 16 + half.
        assertThat(GgmlType.Q4_0.bytesPerBlock()).isEqualTo(18);
        assertThat(GgmlType.Q8_0.bitsPerWeight()).isEqualTo(8.5);
        assertThat(GgmlType.Q4_K.bitsPerWeight()).isEqualTo(4.5);
        assertThat(GgmlType.Q6_K.bitsPerWeight()).isEqualTo(6.5625);
        assertThat(GgmlType.ofId(12)).isEqualTo(GgmlType.Q4_K);
    }

    @Test
    void llama2SevenBillionQ4_0WeightsMatchTheSizeLlamaCppPrints() {
        // llama.cpp llm_load_print_meta for llama-2-7b.Q4_0.gguf: "model size = 3.56 GiB" (measured_memory.csv row 132).
        ModelArchitecture a = ModelArchitecture.llama(32, 4096, 32, 32, 11008, 32000, 4096).build();
        double gib = WeightSizer.weightBytes(a, Precision.Q4_0) / (double) ByteUnits.GIB;
        assertThat(gib).isCloseTo(3.56, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void unknownQuantNamesSuggestTheNearestValidName() {
        assertThatThrownBy(() -> Precision.parse("Q4_K_N"))
                .hasMessageContaining("Q4_K_M").hasMessageContaining("valid:");
        assertThat(Precision.parse("q4_k_m")).isEqualTo(Precision.Q4_K_M);
    }
}
