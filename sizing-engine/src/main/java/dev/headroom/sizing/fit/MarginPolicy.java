package dev.headroom.sizing.fit;

/**
 * How much of a memory budget to keep free: the larger of a fraction and a floor. Defaults: 5% and
 * 256 MiB, because allocators fragment (PyTorch's caching allocator rounds to 2 MiB blocks and
 * llama.cpp's buffers are page-aligned), desktop GPUs also draw the display, and the driver may grow
 * its context on first kernel launch.
 *
 * @param fraction share of the budget kept free, 0..0.5
 * @param minimumBytes bytes kept free at least
 */
public record MarginPolicy(double fraction, long minimumBytes) {
    public static final MarginPolicy DEFAULT = new MarginPolicy(0.05, 256L << 20);
    public static final MarginPolicy NONE = new MarginPolicy(0, 0);

    public MarginPolicy {
        if (!(fraction >= 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("margin: fraction must be within 0..0.5, was " + fraction);
        }
        if (minimumBytes < 0) {
            throw new IllegalArgumentException("margin: minimumBytes must not be negative, was " + minimumBytes);
        }
    }

    /** What a deployment may use of {@code budgetBytes}; never negative. */
    public long usable(long budgetBytes) {
        long keep = Math.max((long) (budgetBytes * fraction), minimumBytes);
        return Math.max(0, budgetBytes - keep);
    }
}
