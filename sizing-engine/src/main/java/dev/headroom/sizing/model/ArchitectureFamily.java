package dev.headroom.sizing.model;

/**
 * The architecture family as llama.cpp names it ({@code general.architecture} in GGUF). Parameter counts
 * do not depend on it, but llama.cpp's quantizer does: Falcon keeps its output head in Q8_0 and has its
 * own feed-forward rules (src/llama-quant.cpp, {@code LLM_ARCH_FALCON}), and encoder families never carry
 * an output head.
 */
public enum ArchitectureFamily {
    /** Llama, Mistral, Mixtral, Code Llama, and the other RMSNorm + SwiGLU + RoPE decoders. */
    LLAMA,
    /** Qwen2 / Qwen2.5 (Llama shape with q/k/v biases). */
    QWEN2,
    /** Gemma and Gemma 2 (tied embeddings, extra norms, explicit head_dim). */
    GEMMA,
    /** Phi-3 (fused qkv and gate/up projections in the checkpoint; counted as separate matrices). */
    PHI3,
    /** Falcon (parallel attention + MLP block, MQA/GQA, LayerNorm). */
    FALCON,
    /** GPT-2 (learned positions, LayerNorm, biases everywhere). */
    GPT2,
    /** BERT-style encoders: BERT, RoBERTa, DistilBERT, MiniLM, MPNet. */
    BERT;

    /**
     * Whether llama.cpp stores q, k and v as one fused {@code attn_qkv} tensor for this family (Phi-3,
     * Falcon, GPT-2 in convert_hf_to_gguf.py); the quantizer then treats the whole tensor as attn_v.
     */
    public boolean fusedQkv() {
        return this == PHI3 || this == FALCON || this == GPT2;
    }
}
