package dev.headroom.sizing.model;

/**
 * What a weight tensor does. Quantizers pick a tensor's type by its role (llama.cpp keeps the output
 * head and some attention-value / feed-forward-down tensors in a larger type), and speed depends on
 * whether a tensor is read per token (all but the embedding table, of which one row is read).
 */
public enum TensorRole {
    TOKEN_EMBEDDING,
    POSITION_EMBEDDING,
    ATTENTION_Q,
    ATTENTION_K,
    ATTENTION_V,
    ATTENTION_OUTPUT,
    FFN_GATE,
    FFN_UP,
    FFN_DOWN,
    MOE_ROUTER,
    NORM,
    BIAS,
    OUTPUT_HEAD,
    /** BERT's segment (token-type) embedding table; never quantized by llama.cpp. */
    TOKEN_TYPE_EMBEDDING,
    /** The dense pooler of BERT-style encoders (weight and bias). */
    POOLER,
    /** A relative-position bias table (MPNet, T5); never quantized by llama.cpp. */
    RELATIVE_POSITION_BIAS,
    /** MLA query down-projection to the query latent ({@code attn_q_a}, DeepSeek-V2/V3). */
    ATTENTION_Q_A,
    /** MLA query up-projection from the latent to every head ({@code attn_q_b}). */
    ATTENTION_Q_B,
    /** MLA key/value down-projection to the cached latent plus the rotary key ({@code attn_kv_a_mqa}). */
    ATTENTION_KV_A,
    /** MLA key/value up-projection from the latent to every head ({@code attn_kv_b}, or {@code attn_k_b} + {@code attn_v_b}). */
    ATTENTION_KV_B,
    /** Learned per-head attention-sink logits (GPT-OSS {@code attn_sinks}); never quantized. */
    ATTENTION_SINKS,
    /** Shared (always-active) expert projections ({@code ffn_gate_shexp}, {@code ffn_up_shexp}, {@code ffn_down_shexp}). */
    FFN_GATE_SHARED,
    FFN_UP_SHARED,
    FFN_DOWN_SHARED,
    /** Sigmoid gate on the shared expert ({@code ffn_gate_inp_shexp}, Qwen2-MoE / Qwen3-Next); never quantized. */
    SHARED_EXPERT_GATE,
    /** State space / linear attention input projection ({@code ssm_in}; Qwen3-Next {@code attn_qkv}+{@code attn_gate}+{@code ssm_beta_alpha}). */
    SSM_IN,
    /** Causal convolution weights ({@code ssm_conv1d}); llama.cpp keeps them in F32. */
    SSM_CONV,
    /** Mamba (v1) {@code ssm_x} (input-dependent dt, B, C); llama.cpp does not quantize it. */
    SSM_X,
    /** Mamba (v1) {@code ssm_dt} time-step projection; llama.cpp does not quantize it. */
    SSM_DT,
    /** Per-head or per-channel state vectors: {@code A_log}, {@code D}, {@code dt_bias} (F32). */
    SSM_A,
    /** State space / linear attention output projection ({@code ssm_out}). */
    SSM_OUT
}
