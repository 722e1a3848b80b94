package dev.headroom.sizing.training;

/**
 * A fine-tuning run to size.
 *
 * @param method full, LoRA or QLoRA
 * @param optimizer the optimizer of the trained parameters
 * @param mixedPrecision 16-bit weights, gradients and activations with FP32 master weights (full
 *     fine-tuning), instead of everything in FP32; LoRA/QLoRA always run their frozen base in 16 bits
 * @param loraRank adapter rank r (ignored for full fine-tuning)
 * @param loraTargetsPerLayer which matrices carry adapters: 4 = q,k,v,o (PEFT's common choice), 7 = all
 *     linear layers (QLoRA paper)
 * @param gradientCheckpointing keep only each block's input and recompute the rest in the backward pass
 * @param microBatch sequences per step
 * @param sequenceLength tokens per sequence
 * @param flashAttention attention without storing the score matrix
 */
public record TrainingPlan(TrainingMethod method, Optimizer optimizer, boolean mixedPrecision, int loraRank,
                           int loraTargetsPerLayer, boolean gradientCheckpointing, int microBatch, long sequenceLength,
                           boolean flashAttention) {
    public TrainingPlan {
        if (method == null || optimizer == null) {
            throw new IllegalArgumentException("train: method and optimizer are required");
        }
        if (loraRank <= 0 || loraRank > 65_536) {
            throw new IllegalArgumentException("lora-rank: must be within 1..65536, was " + loraRank);
        }
        if (loraTargetsPerLayer < 1 || loraTargetsPerLayer > 7) {
            throw new IllegalArgumentException("lora-targets: must be within 1..7 matrices per layer, was " + loraTargetsPerLayer);
        }
        if (microBatch <= 0 || microBatch > 1_000_000) {
            throw new IllegalArgumentException("batch: must be within 1..1000000, was " + microBatch);
        }
        if (sequenceLength <= 0 || sequenceLength > 100_000_000L) {
            throw new IllegalArgumentException("context: must be within 1..100000000 tokens, was " + sequenceLength);
        }
    }

    /** Common defaults: AdamW, mixed precision, rank 16 on q,k,v,o, checkpointing on, flash attention. */
    public static TrainingPlan defaults(TrainingMethod method, int microBatch, long sequenceLength) {
        return new TrainingPlan(method, Optimizer.ADAMW, true, 16, 4, true, microBatch, sequenceLength, true);
    }
}
