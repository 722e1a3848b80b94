package dev.headroom.sizing.workload;

/**
 * Per-layer arithmetic of a pre-norm transformer block at inference, shared by every encoder-like family.
 * One multiply-add is 2 FLOP. For {@code n} tokens of width {@code h}: the projections and MLP do
 * {@code 2 n W} FLOP for the block's {@code W} matrix weights; attention scores and their product with
 * V do {@code 4 n^2 h}. Activation traffic per layer is the residual read and written, Q/K/V and the
 * attention output written and read ({@code ~6 n h} values), the MLP intermediate written and read
 * ({@code 2 n f}), and with eager attention the {@code heads x n^2} score matrix written and read.
 */
final class EncoderMath {
    private EncoderMath() {
    }

    /** Matrix weights of one block: Q and O at {@code h x h}, K and V at {@code h x kvDim}, the MLP at 2 or 3 {@code h x f}. */
    static double blockWeights(int h, int heads, int kvHeads, int f, boolean gated) {
        double kvDim = (double) kvHeads * h / heads;
        return 2.0 * h * h + 2.0 * h * kvDim + (gated ? 3.0 : 2.0) * h * f;
    }

    static double blockFlops(double n, int h, double weights) {
        return 2 * n * weights + 4 * n * n * h;
    }

    static double blockTrafficValues(double n, int h, int heads, int f, boolean flash) {
        return n * (6.0 * h + 2.0 * f) + (flash ? 0 : 2.0 * heads * n * n);
    }

    /** Peak live values of one input: residual (2 n h) plus the larger of the attention and MLP phases. */
    static double peakValues(double n, int h, int heads, int f, boolean flash) {
        double attention = 3 * n * h + (flash ? 0 : heads * n * n);
        return 2 * n * h + Math.max(attention, n * f);
    }
}
