package dev.headroom.sizing.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.ReferenceModels;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.model.ParameterCounter;
import org.junit.jupiter.api.Test;

class TrainingMemoryTest {
    static final long P = ParameterCounter.totalParameters(ReferenceModels.LLAMA_2_7B);

    @Test
    void mixedPrecisionAdamWHoldsSixteenBytesPerParameterBeforeActivations() {
        // ZeRO paper (Rajbhandari et al. 2020) section 3.1: 2 + 2 + (4 + 4 + 4) = 16 bytes per parameter.
        MemoryBreakdown m = TrainingMemory.estimate(ReferenceModels.LLAMA_2_7B, TrainingPlan.defaults(TrainingMethod.FULL, 1, 512));
        long states = m.weightsBytes() + m.bytesOf(TrainingMemory.MASTER_WEIGHTS) + m.bytesOf(TrainingMemory.GRADIENTS)
                + m.bytesOf(TrainingMemory.OPTIMIZER_STATES);
        assertThat(states).isEqualTo(16 * P);
        assertThat(m.totalBytes()).isEqualTo(states + m.bytesOf(TrainingMemory.ACTIVATIONS) + m.bytesOf(TrainingMemory.LOGITS));
    }

    @Test
    void optimizersDifferOnlyInTheirState() {
        TrainingPlan fp32 = new TrainingPlan(TrainingMethod.FULL, Optimizer.SGD_MOMENTUM, false, 8, 4, true, 1, 512, true);
        MemoryBreakdown sgd = TrainingMemory.estimate(ReferenceModels.LLAMA_2_7B, fp32);
        assertThat(sgd.bytesOf(TrainingMemory.OPTIMIZER_STATES)).isEqualTo(4 * P);
        assertThat(sgd.weightsBytes() + sgd.bytesOf(TrainingMemory.GRADIENTS)).isEqualTo(8 * P);
        assertThat(Optimizer.ADAMW_8BIT.stateBytes(2048)).isEqualTo(2 * 2048 + 8);
    }

    @Test
    void loraOnQueryAndKeyOfLlama2SevenBillionTrainsFourMillionParameters() {
        // PEFT prints "trainable params: 4,194,304" for Llama-2-7B with r=8 on q_proj,v_proj; q, k and v
        // have the same shape there (no GQA), so two targets give the same count.
        assertThat(TrainingMemory.loraParameters(ReferenceModels.LLAMA_2_7B, 8, 2)).isEqualTo(4_194_304L);
    }

    @Test
    void qloraStoresTheBaseInRoughlyAQuarterOfLoraMemory() {
        TrainingPlan lora = TrainingPlan.defaults(TrainingMethod.LORA, 1, 512);
        TrainingPlan qlora = TrainingPlan.defaults(TrainingMethod.QLORA, 1, 512);
        long loraBase = TrainingMemory.estimate(ReferenceModels.LLAMA_3_8B, lora).weightsBytes();
        long qloraBase = TrainingMemory.estimate(ReferenceModels.LLAMA_3_8B, qlora).weightsBytes();
        assertThat((double) qloraBase / loraBase).isBetween(0.30, 0.40); // 16-bit embeddings/head stay
    }

    @Test
    void checkpointingShrinksActivations() {
        TrainingPlan on = TrainingPlan.defaults(TrainingMethod.LORA, 4, 2048);
        TrainingPlan off = new TrainingPlan(TrainingMethod.LORA, Optimizer.ADAMW, true, 16, 4, false, 4, 2048, true);
        long withCkpt = TrainingMemory.estimate(ReferenceModels.LLAMA_3_8B, on).bytesOf(TrainingMemory.ACTIVATIONS);
        long without = TrainingMemory.estimate(ReferenceModels.LLAMA_3_8B, off).bytesOf(TrainingMemory.ACTIVATIONS);
        assertThat(without).isGreaterThan(10 * withCkpt);
        // Korthikanti et al. 2022: a GPT block with a 4h MLP stores 34 h bytes per token with flash attention.
        assertThat(TrainingMemory.activationBytesPerTokenPerLayer(ReferenceModels.GPT2, 1024, true)).isEqualTo(34L * 768);
    }

    @Test
    void badPlansAreRejectedWithTheField() {
        assertThatThrownBy(() -> TrainingMethod.parse("qlra")).hasMessageContaining("did you mean qlora");
        assertThatThrownBy(() -> new TrainingPlan(TrainingMethod.LORA, Optimizer.ADAMW, true, 0, 4, true, 1, 512, true))
                .hasMessageContaining("lora-rank");
        assertThat(MemoryComponent.WEIGHTS).isEqualTo("weights");
    }
}
