package dev.headroom.sizing.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.sizing.ReferenceModels;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.model.EncoderDecoderArchitecture;
import org.junit.jupiter.api.Test;

class WorkloadMemoryTest {
    // ResNet-50: 25,557,032 parameters (torchvision weights table); 4.09 GFLOPs per 224x224 image.
    static final InferenceWorkload RESNET50 = new InferenceWorkload("resnet-50", 25_557_032L, 4, 100L << 20, 4.09e9, 1);

    @Test
    void memoryIsWeightsPlusActivationsTimesBatch() {
        MemoryBreakdown m = WorkloadMemory.estimate(RESNET50.withBatch(32), 500L << 20);
        assertThat(m.weightsBytes()).isEqualTo(25_557_032L * 4);
        assertThat(m.bytesOf(WorkloadMemory.ACTIVATIONS)).isEqualTo(32 * (100L << 20));
        assertThat(m.totalBytes()).isEqualTo(m.weightsBytes() + 32 * (100L << 20) + (500L << 20));
    }

    @Test
    void largestBatchFillsTheBudget() {
        int n = WorkloadMemory.largestBatch(RESNET50, 0, 1L << 30);
        assertThat(WorkloadMemory.estimate(RESNET50.withBatch(n), 0).totalBytes()).isLessThanOrEqualTo(1L << 30);
        assertThat(WorkloadMemory.estimate(RESNET50.withBatch(n + 1), 0).totalBytes()).isGreaterThan(1L << 30);
    }

    @Test
    void encoderActivationsGrowQuadraticallyOnlyWithEagerAttention() {
        long eager = ActivationEstimates.encoderPerInput(ReferenceModels.BERT_BASE, 512, 2, false);
        long flash = ActivationEstimates.encoderPerInput(ReferenceModels.BERT_BASE, 512, 2, true);
        assertThat(eager - flash).isGreaterThan(12L * 512 * 512); // the 12-head score matrix dominates the difference
        EncoderDecoderArchitecture whisper = EncoderDecoderArchitecture.whisper(4, 384, 6, 1536, 51865, 80);
        assertThat(ActivationEstimates.encoderDecoderPerInput(whisper, 1500, 2)).isPositive();
    }

    @Test
    void rejectsImpossibleWorkloads() {
        assertThatThrownBy(() -> new InferenceWorkload("x", 0, 4, 1, 0, 1)).hasMessageContaining("parameters");
        assertThatThrownBy(() -> RESNET50.withBatch(0)).hasMessageContaining("batch: must be within");
        assertThat(MemoryComponent.RUNTIME_OVERHEAD).isEqualTo("runtimeOverhead");
    }
}
