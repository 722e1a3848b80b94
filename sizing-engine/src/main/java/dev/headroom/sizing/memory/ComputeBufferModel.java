package dev.headroom.sizing.memory;

/** How a runtime's compute buffer (activation peak) is sized; the formulas live in {@link ComputeBuffers}. */
public enum ComputeBufferModel {
    /** llama.cpp's graph allocator: the peak over one micro-batch's graph (attention scores or logits). */
    LLAMA_CPP_GRAPH,
    /** vLLM's profiling run: the larger of the forward pass over max_num_batched_tokens and the sampler over max_num_seqs. */
    VLLM_PROFILE,
    /** transformers generate(): the prefill forward pass of the prompt, logits of the last position. */
    TRANSFORMERS_EAGER
}
