package dev.headroom.sizing.memory;

import dev.headroom.sizing.model.ArchitectureFamily;
import dev.headroom.sizing.model.MlpKind;
import dev.headroom.sizing.model.ModelArchitecture;

/**
 * Compute-buffer (activation peak) formulas per {@link ComputeBufferModel}. All sizes in bytes.
 *
 * <p><b>llama.cpp</b> reserves the peak of the worst-case graph: one micro-batch of {@code u} tokens
 * against a cache of {@code n_kv} tokens. Its allocator reuses memory, so the peak is the larger of
 * two phases. Attention without flash attention materialises the F32 score matrix
 * {@code KQ = 4 x n_kv x u x heads} (soft_max runs in place), beside the F32 mask {@code 4 x n_kv x u}
 * and four hidden-wide F32 activations (residual, norm output, Q, attention output:
 * {@code 4 x 4 x u x hidden}); the output phase holds the F32 logits {@code 4 x u x vocab} and the
 * final norm {@code 4 x u x hidden}. For Llama-3-8B at n_ctx 8192: 512 + 16 + 32 = 560 MiB, the logged
 * "CUDA0 compute buffer size = 560.00 MiB" (measured_memory.csv row 124); for Llama-2-7B at n_ctx 512
 * the output phase rules: 62.5 + 8 = 70.5 MiB. With flash attention the score matrix is not stored
 * and the mask is F16.
 *
 * <p><b>vLLM</b> profiles one forward pass over {@code max_num_batched_tokens = max(max_model_len, 2048)}
 * tokens in 16-bit: the fused gate/up output, the activation output (3 x intermediate / TP) and four
 * hidden-wide tensors per token; and its sampler over {@code max_num_seqs} (256) sequences, which holds
 * about ten full-vocabulary FP32 copies of the logits at once (logits, penalties, temperature, softmax,
 * log-softmax, sort values and int64 indices, top-p/top-k masks). The peak is the larger. The factor
 * ten is calibrated: vLLM logged the same 1.26 GiB activation peak at TP 1 and TP 2 for Llama-3-8B
 * (rows 115, 119), so the peak cannot be the TP-split forward pass; the sampler is not split.
 *
 * <p><b>transformers</b> holds, during prefill of the prompt, four hidden-wide and three
 * intermediate-wide 16-bit tensors per token and the FP32 logits of the last position.
 */
public final class ComputeBuffers {
    static final long F32 = 4;
    static final long F16 = 2;
    /** Full-vocabulary FP32 logit copies alive at vLLM's sampler peak (calibrated, see the class comment). */
    static final long VLLM_SAMPLER_COPIES = 10;

    private ComputeBuffers() {
    }

    /**
     * @param contextTokens tokens per sequence
     * @param sequences sequences at once
     * @param tensorParallel GPUs the model is split over (divides the intermediate and head dimensions)
     */
    public static long bytes(ModelArchitecture a, RuntimeProfile rt, long contextTokens, int sequences, int tensorParallel) {
        return switch (rt.computeModel()) {
            case LLAMA_CPP_GRAPH -> llamaCpp(a, rt, contextTokens, sequences);
            case VLLM_PROFILE -> vllm(a, rt, contextTokens, tensorParallel);
            case TRANSFORMERS_EAGER -> transformers(a, contextTokens, sequences, tensorParallel);
        };
    }

    static long llamaCpp(ModelArchitecture a, RuntimeProfile rt, long contextTokens, int sequences) {
        long nKv = Math.multiplyExact(KvCacheModel.roundUp(contextTokens, rt.kvAllocationTokens()), (long) sequences);
        long u = Math.min(rt.microBatchTokens(), nKv);
        long hidden = a.hiddenSize();
        long scores = rt.flashAttention() ? 0 : Math.multiplyExact(Math.multiplyExact(F32 * nKv, u), (long) a.attentionHeads());
        long mask = Math.multiplyExact((rt.flashAttention() ? F16 : F32) * nKv, u);
        long attention = Math.addExact(Math.addExact(scores, mask), 4 * F32 * u * hidden);
        long output = a.family() == ArchitectureFamily.BERT
                ? F32 * u * hidden * 2
                : F32 * u * ((long) a.vocabSize() + hidden);
        long ffn = F32 * u * ((a.mlp() == MlpKind.GATED ? 2L : 1L) * a.activeFeedForwardWidth() + 2 * hidden);
        return Math.max(attention, Math.max(output, ffn));
    }

    static long vllm(ModelArchitecture a, RuntimeProfile rt, long contextTokens, int tensorParallel) {
        long batched = Math.max(contextTokens, rt.microBatchTokens());
        long perToken = F16 * (3L * a.activeFeedForwardWidth() / tensorParallel + 4L * a.hiddenSize());
        long forward = Math.multiplyExact(batched, perToken);
        long sampler = Math.multiplyExact(Math.multiplyExact((long) rt.maxNumSeqs(), a.vocabSize()), F32 * VLLM_SAMPLER_COPIES);
        return Math.max(forward, sampler);
    }

    static long transformers(ModelArchitecture a, long contextTokens, int sequences, int tensorParallel) {
        long tokens = Math.multiplyExact(contextTokens, (long) sequences);
        long perToken = F16 * (4L * a.hiddenSize() + 3L * a.activeFeedForwardWidth() / tensorParallel);
        return Math.addExact(Math.multiplyExact(tokens, perToken), F32 * sequences * (long) a.vocabSize());
    }
}
