package dev.headroom.probe;

/**
 * Parses cgroup memory files. v2: {@code memory.max} is a byte count or {@code max}; v1:
 * {@code memory.limit_in_bytes} is a byte count where "unlimited" is a huge page-aligned number
 * (0x7FFFFFFFFFFFF000 on 64-bit kernels).
 */
public final class CgroupMemoryParser {
    /** v1 limits at or above this (1 PiB) mean "no limit". */
    static final long V1_UNLIMITED_THRESHOLD = 1L << 50;

    private CgroupMemoryParser() {
    }

    /** The limit in bytes, or -1 when there is none or the text is not a number. */
    public static long parseLimit(String text) {
        if (text == null) {
            return -1;
        }
        String t = text.trim();
        if (t.isEmpty() || t.equals("max")) {
            return -1;
        }
        try {
            long v = Long.parseLong(t);
            return v <= 0 || v >= V1_UNLIMITED_THRESHOLD ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A usage counter in bytes, or 0 when absent or unreadable. */
    public static long parseUsage(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * CPUs allowed by a v2 {@code cpu.max} line ({@code "200000 100000"} = 2 CPUs, {@code "max 100000"} =
     * no quota), or -1 when there is no quota.
     */
    public static double parseCpuMax(String text) {
        if (text == null) {
            return -1;
        }
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2 || parts[0].equals("max")) {
            return -1;
        }
        try {
            double quota = Double.parseDouble(parts[0]);
            double period = Double.parseDouble(parts[1]);
            return quota > 0 && period > 0 ? quota / period : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
