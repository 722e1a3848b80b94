package dev.headroom.sizing.speed;

import java.util.Locale;

/**
 * The memory technology of a device, a physical class of its own: decode on a GPU is a chain of small
 * kernels per layer, and how long each waits on memory and on its launch differs between stacked HBM parts
 * (datacenter boards, typically in server hosts) and GDDR or LPDDR parts. The speed model keys one constant
 * per technology on it ({@link ClassConstants#layerOverheadSeconds(MemoryTechnology)}), never one per device.
 */
public enum MemoryTechnology {
    /** GDDR5/6/6X/7: consumer and workstation GPUs. */
    GDDR,
    /** HBM2/2e/3/3e: datacenter GPUs. */
    HBM,
    /** LPDDR4X/5/5X: unified-memory SoCs (Apple M-series). */
    LPDDR,
    /** DDR4/DDR5 DIMMs: CPUs. */
    DDR,
    /** Not recorded: the class's default constants apply. */
    UNKNOWN;

    /** The technology of a catalog {@code memory_type} such as {@code HBM2e}, {@code GDDR6X}, {@code LPDDR5}; UNKNOWN when blank or unrecognised. */
    public static MemoryTechnology parse(String memoryType) {
        String t = memoryType == null ? "" : memoryType.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("HBM")) {
            return HBM;
        }
        if (t.startsWith("GDDR")) {
            return GDDR;
        }
        if (t.startsWith("LPDDR")) {
            return LPDDR;
        }
        if (t.startsWith("DDR")) {
            return DDR;
        }
        return UNKNOWN;
    }
}
