package dev.headroom.sizing.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.model.TensorRole;
import org.junit.jupiter.api.Test;

/** Layouts of one 4096 x 4096 projection (16,777,216 weights) in each checkpoint format. */
class CheckpointFormatTest {
    static final long N = 4096L * 4096;

    @Test
    void gptqStoresPackedNibblesGroupScalesZerosAndGroupIndex() {
        // AutoGPTQ QuantLinear: qweight int32 [in/8, out] = N/2 B; scales fp16 [in/128, out] = N/128 x 2 B;
        // qzeros int32 [in/128, out/8] = N/128 x 0.5 B; g_idx int32 [in] = 4096 x 4 B.
        assertThat(CheckpointFormat.bytes(Precision.GPTQ_INT4, TensorRole.ATTENTION_Q, N, 4096))
                .isEqualTo(N / 2 + N / 128 * 2 + N / 128 / 2 + 4096 * 4);
    }

    @Test
    void int8FormatsAddOneScalePerOutputRow() {
        assertThat(CheckpointFormat.bytes(Precision.INT8, TensorRole.FFN_UP, N, 4096)).isEqualTo(N + 4096 * 2);
        // bitsandbytes Int8Params.SCB: one FP32 absmax per output row.
        assertThat(CheckpointFormat.bytes(Precision.BNB_INT8, TensorRole.FFN_UP, N, 4096)).isEqualTo(N + 4096 * 4);
    }

    @Test
    void embeddingsAndNormsStayInSixteenBits() {
        assertThat(CheckpointFormat.bytes(Precision.BNB_NF4, TensorRole.TOKEN_EMBEDDING, N, 4096)).isEqualTo(2 * N);
        assertThat(CheckpointFormat.bytes(Precision.FP8_E5M2, TensorRole.NORM, 4096, 4096)).isEqualTo(8192);
    }

    @Test
    void ggufTypesAreNotCheckpointFormats() {
        assertThatThrownBy(() -> CheckpointFormat.bytes(Precision.Q4_0, TensorRole.FFN_UP, N, 4096))
                .hasMessageContaining("GGUF file type");
        assertThat(Precision.Q4_K_M.isGguf()).isTrue();
        assertThat(Precision.AWQ_INT4.isGguf()).isFalse();
    }
}
