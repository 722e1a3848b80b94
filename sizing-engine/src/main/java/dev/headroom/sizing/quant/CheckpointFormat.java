package dev.headroom.sizing.quant;

import dev.headroom.sizing.model.TensorRole;

/**
 * Bytes of one tensor in a PyTorch-world checkpoint format, as loaded on the GPU. Matrices inside the
 * blocks are quantized; embeddings, the output head, norms and biases stay in 16 bits (FP32 for an F32
 * model), which is what GPTQ, AWQ, bitsandbytes ({@code llm_int8_skip_modules} defaults to the head) and
 * FP8 checkpoints from llm-compressor do.
 *
 * <p>Layouts (sources: AutoGPTQ {@code QuantLinear} qweight/qzeros/scales/g_idx shapes; AutoAWQ
 * {@code WQLinear_GEMM}; bitsandbytes {@code Int8Params.SCB} and {@code QuantState} with
 * {@code blocksize=64} and nested (double) quantization of the absmax over blocks of 256, QLoRA paper
 * section 3: 0.127 extra bits per weight with double quantization):
 * <ul>
 *   <li>FP8: 1 byte per weight + one FP32 scale per tensor;</li>
 *   <li>INT8: 1 byte per weight + one FP16 scale per output row;</li>
 *   <li>GPTQ INT4 g128: n/2 bytes + per group (FP16 scale + 4-bit zero) = 2.5 bytes / 128 weights + int32 g_idx per input row;</li>
 *   <li>AWQ INT4 g128: n/2 bytes + 2.5 bytes per group of 128;</li>
 *   <li>bitsandbytes int8: 1 byte per weight + one FP32 scale per output row;</li>
 *   <li>bitsandbytes NF4 + double quant: n/2 bytes + 1 byte per 64 weights + 4 bytes per 64 x 256 weights
 *       (plus a 256-entry FP32 code table per tensor).</li>
 * </ul>
 */
public final class CheckpointFormat {
    /** GPTQ and AWQ default group size (AutoGPTQ / AutoAWQ {@code group_size=128}). */
    public static final int INT4_GROUP = 128;
    /** bitsandbytes 4-bit block size and the block of absmax values quantized together in double quantization. */
    public static final int NF4_BLOCK = 64;
    public static final int NF4_DOUBLE_QUANT_BLOCK = 256;

    private CheckpointFormat() {
    }

    /** Whether a tensor of this role is quantized by the format (matrices inside the blocks). */
    public static boolean quantizes(TensorRole role) {
        return switch (role) {
            case ATTENTION_Q, ATTENTION_K, ATTENTION_V, ATTENTION_OUTPUT, FFN_GATE, FFN_UP, FFN_DOWN -> true;
            default -> false;
        };
    }

    /**
     * Bytes of a tensor.
     *
     * @param elements weights in the tensor (for routed experts: all experts of the layer)
     * @param rowLength the input dimension (weights per output row)
     */
    public static long bytes(Precision p, TensorRole role, long elements, long rowLength) {
        if (p.isGguf()) {
            throw new IllegalArgumentException("quant: " + p + " is a GGUF file type, not a checkpoint format");
        }
        if (!quantizes(role)) {
            return Math.multiplyExact(elements, 2L);
        }
        long rows = elements / rowLength;
        return switch (p) {
            case FP8_E4M3, FP8_E5M2 -> elements + 4;
            case INT8 -> Math.addExact(elements, Math.multiplyExact(rows, 2L));
            case BNB_INT8 -> Math.addExact(elements, Math.multiplyExact(rows, 4L));
            case GPTQ_INT4 -> elements / 2 + ceilDiv(elements, INT4_GROUP) * 5 / 2 + Math.multiplyExact(rowLength, 4L);
            case AWQ_INT4 -> elements / 2 + ceilDiv(elements, INT4_GROUP) * 5 / 2;
            case BNB_NF4 -> {
                long blocks = ceilDiv(elements, NF4_BLOCK);
                yield elements / 2 + blocks + ceilDiv(blocks, NF4_DOUBLE_QUANT_BLOCK) * 4 + 256 * 4;
            }
            default -> throw new IllegalStateException("no layout for " + p);
        };
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
