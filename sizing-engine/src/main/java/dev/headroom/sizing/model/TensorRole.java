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
    RELATIVE_POSITION_BIAS
}
