package dev.headroom.sizing.training;

import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.memory.WeightSizer;
import dev.headroom.sizing.model.MlpKind;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.quant.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * Fine-tuning memory on one device, as the sum of its parts (never the largest part alone).
 *
 * <p>Full fine-tuning (ZeRO paper, Rajbhandari et al. 2020, section 3.1): FP32 training holds 4 bytes of
 * weights + 4 of gradients + the optimizer state per parameter (AdamW 8: 16 bytes in all); mixed
 * precision holds 2 bytes of 16-bit weights + 2 of 16-bit gradients + 4 of FP32 master weights + the
 * state (AdamW: 16 bytes). LoRA freezes the base in 16 bits and trains
 * {@code r x (in + out)} adapter values per targeted matrix, kept in FP32 with FP32 gradients and state
 * (PEFT's default); QLoRA stores the base in NF4 with double quantization.
 *
 * <p>Activations (Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer
 * Models", section 4.1): per token and layer, 16-bit training stores {@code 34 h} bytes for a GPT block
 * with a 4h MLP ({@code 11 h} attention, {@code 4 h} norms, {@code 19 h} MLP of which {@code 16 h} are
 * the two intermediate-wide tensors). With an intermediate width {@code I} this is
 * {@code 18 h + 4 I} (plain MLP) or {@code 18 h + 6 I} (gated: gate, up, activation), plus
 * {@code 5 a s} for the attention scores and dropout mask unless flash attention is used. FP32
 * training doubles it. With gradient checkpointing only each block's 16-bit input ({@code 2 h} per
 * token and layer) is kept, plus one block's activations being recomputed. The loss adds FP32 logits
 * and their gradient: {@code 8 x tokens x vocab}.
 */
public final class TrainingMemory {
    public static final String MASTER_WEIGHTS = "masterWeights";
    public static final String GRADIENTS = "gradients";
    public static final String OPTIMIZER_STATES = "optimizerStates";
    public static final String ACTIVATIONS = "activations";
    public static final String LOGITS = "logits";
    public static final String ADAPTERS = "adapters";

    private TrainingMemory() {
    }

    /** Trainable adapter parameters: rank x (in + out) for each targeted matrix of every layer. */
    public static long loraParameters(ModelArchitecture a, int rank, int targetsPerLayer) {
        long h = a.hiddenSize();
        long kv = a.kvWidth();
        long q = (long) a.attentionHeads() * a.headDim();
        long inter = a.intermediateSize();
        long[] perMatrix = {q + h, kv + h, kv + h, q + h, h + inter, h + inter, inter + h}; // q,k,v,o,gate,up,down
        long perLayer = 0;
        int available = a.mlp() == MlpKind.GATED ? 7 : 6;
        for (int i = 0; i < Math.min(targetsPerLayer, available); i++) {
            perLayer += perMatrix[i];
        }
        return Math.multiplyExact(Math.multiplyExact(perLayer, (long) rank), (long) a.layers());
    }

    public static MemoryBreakdown estimate(ModelArchitecture a, TrainingPlan plan) {
        long params = ParameterCounter.totalParameters(a);
        List<MemoryComponent> parts = new ArrayList<>();
        String opt = plan.optimizer().name();
        switch (plan.method()) {
            case FULL -> {
                if (plan.mixedPrecision()) {
                    parts.add(new MemoryComponent(MemoryComponent.WEIGHTS, Math.multiplyExact(params, 2L), Origin.COMPUTED, "16-bit working weights, 2 B x " + params));
                    parts.add(new MemoryComponent(MASTER_WEIGHTS, Math.multiplyExact(params, 4L), Origin.COMPUTED, "FP32 master weights, 4 B x parameters"));
                    parts.add(new MemoryComponent(GRADIENTS, Math.multiplyExact(params, 2L), Origin.COMPUTED, "16-bit gradients, 2 B x parameters"));
                } else {
                    parts.add(new MemoryComponent(MemoryComponent.WEIGHTS, Math.multiplyExact(params, 4L), Origin.COMPUTED, "FP32 weights, 4 B x " + params));
                    parts.add(new MemoryComponent(GRADIENTS, Math.multiplyExact(params, 4L), Origin.COMPUTED, "FP32 gradients, 4 B x parameters"));
                }
                parts.add(new MemoryComponent(OPTIMIZER_STATES, plan.optimizer().stateBytes(params), Origin.COMPUTED, opt + " state for every parameter"));
            }
            case LORA, QLORA -> {
                Precision base = plan.method() == TrainingMethod.QLORA ? Precision.BNB_NF4 : Precision.BF16;
                long adapters = loraParameters(a, plan.loraRank(), plan.loraTargetsPerLayer());
                parts.add(new MemoryComponent(MemoryComponent.WEIGHTS, WeightSizer.weightBytes(a, base), Origin.COMPUTED,
                        "frozen base in " + base + (base == Precision.BNB_NF4 ? " (double quantization, 16-bit embeddings/head)" : "")));
                parts.add(new MemoryComponent(ADAPTERS, Math.multiplyExact(adapters, 4L), Origin.COMPUTED,
                        adapters + " adapter parameters (rank " + plan.loraRank() + ", " + plan.loraTargetsPerLayer() + " matrices/layer) in FP32"));
                parts.add(new MemoryComponent(GRADIENTS, Math.multiplyExact(adapters, 4L), Origin.COMPUTED, "FP32 adapter gradients"));
                parts.add(new MemoryComponent(OPTIMIZER_STATES, plan.optimizer().stateBytes(adapters), Origin.COMPUTED, opt + " state for the adapters only"));
            }
            default -> throw new IllegalStateException();
        }
        long tokens = Math.multiplyExact((long) plan.microBatch(), plan.sequenceLength());
        boolean fp32 = plan.method() == TrainingMethod.FULL && !plan.mixedPrecision();
        long perTokenLayer = activationBytesPerTokenPerLayer(a, plan.sequenceLength(), plan.flashAttention()) * (fp32 ? 2 : 1);
        long activations;
        String note;
        if (plan.gradientCheckpointing()) {
            long inputs = Math.multiplyExact(Math.multiplyExact(tokens, 2L * a.hiddenSize() * (fp32 ? 2 : 1)), (long) a.layers());
            activations = Math.addExact(inputs, Math.multiplyExact(tokens, perTokenLayer));
            note = "checkpointed: block inputs of " + a.layers() + " layers + one block recomputed, " + tokens + " tokens";
        } else {
            activations = Math.multiplyExact(Math.multiplyExact(tokens, perTokenLayer), (long) a.layers());
            note = perTokenLayer + " B per token per layer x " + a.layers() + " layers x " + tokens + " tokens (Korthikanti et al. 2022)";
        }
        parts.add(new MemoryComponent(ACTIVATIONS, activations, Origin.COMPUTED, note));
        parts.add(new MemoryComponent(LOGITS, Math.multiplyExact(Math.multiplyExact(tokens, (long) a.vocabSize()), 8L), Origin.COMPUTED,
                "FP32 logits and their gradient, 8 B x tokens x vocab"));
        return new MemoryBreakdown(parts);
    }

    /** 16-bit activation bytes stored per token per layer for the backward pass. */
    public static long activationBytesPerTokenPerLayer(ModelArchitecture a, long sequenceLength, boolean flashAttention) {
        long h = a.hiddenSize();
        long inter = a.activeFeedForwardWidth();
        long mlp = (a.mlp() == MlpKind.GATED ? 6 : 4) * inter;
        long scores = flashAttention ? 0 : Math.multiplyExact(5L * a.attentionHeads(), sequenceLength);
        return Math.addExact(18 * h + mlp, scores);
    }
}
