package dev.headroom.sizing.model;

/** The feed-forward block of a transformer layer. */
public enum MlpKind {
    /** Gated (SwiGLU/GeGLU): gate, up and down projections, 3 x hidden x intermediate (Llama, Mistral, Qwen, Gemma). */
    GATED,
    /** Plain: up and down projections, 2 x hidden x intermediate (GPT-2, BERT, Falcon). */
    PLAIN
}
