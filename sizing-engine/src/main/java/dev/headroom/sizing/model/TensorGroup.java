package dev.headroom.sizing.model;

/**
 * A set of same-role weight tensors in one layer (or outside the layers when {@code layer} is -1).
 *
 * @param role what the tensors do
 * @param layer block index, or -1 for tensors outside the blocks (embeddings, final norm, head)
 * @param parameters weights in the group
 * @param rowLength length of a row (the inner dimension that block quantization runs along)
 * @param perExpert whether the group holds the routed experts of an MoE layer (a token reads only its share)
 */
public record TensorGroup(TensorRole role, int layer, long parameters, long rowLength, boolean perExpert) {
    public TensorGroup {
        if (role == null) {
            throw new IllegalArgumentException("role: missing");
        }
        if (parameters < 0) {
            throw new IllegalArgumentException("parameters: must not be negative, was " + parameters);
        }
        if (rowLength <= 0) {
            throw new IllegalArgumentException("rowLength: must be positive, was " + rowLength);
        }
    }

    /** Vectors (norms, biases) stay in F32 in GGUF files and are never block-quantized. */
    public boolean isVector() {
        return role == TensorRole.NORM || role == TensorRole.BIAS;
    }
}
