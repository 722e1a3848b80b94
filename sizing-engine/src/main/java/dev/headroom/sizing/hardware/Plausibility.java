package dev.headroom.sizing.hardware;

import java.util.ArrayList;
import java.util.List;

/**
 * Range rules for the facts of a {@link HardwareProfile}, whether probed or loaded from a saved profile.
 * A fact that breaks a rule is never accepted silently: the profile gets a warning naming the fact and
 * the rule, the fact's confidence drops to {@link Confidence#LOW}, and a figure that contradicts another
 * (free above total) is clamped to the one it cannot exceed.
 *
 * <p>The ranges are generous on purpose (ten times the largest shipping part), so they catch corrupt or
 * hostile figures, not new hardware: the largest single accelerator memory today is 288 GB of HBM3E
 * (AMD MI355X, NVIDIA B300) and the largest unified pool a GPU addresses 624 GB (GH200: 480 GB LPDDR5X +
 * 144 GB HBM3E, nvidia.com/en-us/data-center/grace-hopper-superchip); the largest single-image servers
 * carry 32 TiB of RAM (HPE Superdome Flex 280: 24 TB, Superdome Flex 32+ sockets: 48 TB).
 */
public final class Plausibility {
    /** No single device's memory is above this (ten times a GH200's whole unified pool, rounded). */
    public static final long MAX_GPU_MEMORY_BYTES = 8L << 40;
    /** No host's RAM is above this (a Superdome Flex's 48 TB, rounded up to a power of two). */
    public static final long MAX_HOST_MEMORY_BYTES = 64L << 40;
    /** No device moves memory faster than this (an MI355X/B300's 8 TB/s, times ten). */
    public static final double MAX_BANDWIDTH_BYTES_PER_SECOND = 80e12;
    /** No one host holds more accelerators than this (see {@code NvidiaSmiCsvParser.MAX_GPUS}). */
    public static final int MAX_GPUS = 64;

    private Plausibility() {
    }

    /** The profile with every rule applied: unchanged (the same instance) when all facts are plausible. */
    public static HardwareProfile check(HardwareProfile profile) {
        List<String> warnings = new ArrayList<>();
        List<Reading> readings = new ArrayList<>();
        MemoryInfo memory = memory(profile.memory(), warnings, readings);
        List<GpuInfo> gpus = new ArrayList<>();
        for (GpuInfo g : profile.gpus()) {
            if (gpus.size() == MAX_GPUS) {
                warnings.add("implausible: more than " + MAX_GPUS + " GPUs; the rest were ignored");
                break;
            }
            gpus.add(gpu(g, warnings, readings));
        }
        if (warnings.isEmpty()) {
            return profile;
        }
        List<String> allWarnings = new ArrayList<>(profile.warnings());
        allWarnings.addAll(warnings);
        List<Reading> allReadings = new ArrayList<>(profile.readings());
        allReadings.addAll(readings);
        return new HardwareProfile(profile.hostName(), profile.os(), profile.cpu(), memory, gpus, allWarnings,
                profile.disks(), allReadings);
    }

    private static MemoryInfo memory(MemoryInfo m, List<String> warnings, List<Reading> readings) {
        long available = m.availableBytes();
        long swapFree = m.swapFreeBytes();
        double bandwidth = m.bandwidthBytesPerSecond();
        if (m.totalBytes() > MAX_HOST_MEMORY_BYTES) {
            warnings.add("implausible: host RAM of " + m.totalBytes() + " bytes is above " + MAX_HOST_MEMORY_BYTES
                    + " (64 TiB); treat the profile with care");
            readings.add(new Reading("memory.totalBytes", "implausible (above 64 TiB)", Confidence.LOW));
        }
        if (available > m.totalBytes()) {
            warnings.add("implausible: available RAM (" + available + " bytes) above total (" + m.totalBytes()
                    + " bytes); taken as the total");
            readings.add(new Reading("memory.availableBytes", "implausible (above total), clamped", Confidence.LOW));
            available = m.totalBytes();
        }
        if (swapFree > m.swapTotalBytes()) {
            warnings.add("implausible: free swap above total swap; taken as the total");
            readings.add(new Reading("memory.swapFreeBytes", "implausible (above total), clamped", Confidence.LOW));
            swapFree = m.swapTotalBytes();
        }
        if (bandwidth > MAX_BANDWIDTH_BYTES_PER_SECOND) {
            warnings.add("implausible: RAM bandwidth of " + bandwidth + " B/s is above 80 TB/s; ignored");
            readings.add(new Reading("memory.bandwidthBytesPerSecond", "implausible (above 80 TB/s), ignored", Confidence.LOW));
            bandwidth = 0;
        }
        if (available == m.availableBytes() && swapFree == m.swapFreeBytes() && bandwidth == m.bandwidthBytesPerSecond()) {
            return m;
        }
        return new MemoryInfo(m.totalBytes(), available, m.limitBytes(), m.limitUsedBytes(), m.swapTotalBytes(), swapFree,
                bandwidth, m.modules());
    }

    private static GpuInfo gpu(GpuInfo g, List<String> warnings, List<Reading> readings) {
        List<String> why = new ArrayList<>();
        long free = g.memoryFreeBytes();
        double bandwidth = g.bandwidthBytesPerSecond();
        if (g.memoryTotalBytes() > MAX_GPU_MEMORY_BYTES) {
            why.add("memory of " + g.memoryTotalBytes() + " bytes is above 8 TiB");
        }
        if (free != GpuInfo.UNKNOWN && free > g.memoryTotalBytes()) {
            why.add("free memory (" + free + " bytes) above total (" + g.memoryTotalBytes() + " bytes), taken as the total");
            free = g.memoryTotalBytes();
        }
        if (bandwidth > MAX_BANDWIDTH_BYTES_PER_SECOND) {
            why.add("bandwidth of " + bandwidth + " B/s is above 80 TB/s, ignored");
            bandwidth = 0;
        }
        if (why.isEmpty()) {
            return g;
        }
        String text = String.join("; ", why);
        warnings.add("implausible: GPU " + g.index() + " (" + g.name() + ", " + g.source() + "): " + text);
        readings.add(new Reading("gpu" + g.index() + ".memoryTotalBytes", "implausible: " + text, Confidence.LOW));
        return new GpuInfo(g.index(), g.vendor(), g.name(), g.memoryTotalBytes(), free, g.unifiedMemory(), g.source(),
                g.computeCapability(), g.multiprocessors(), bandwidth, g.pciId(), Confidence.LOW,
                (g.note().isEmpty() ? "" : g.note() + "; ") + "implausible: " + text);
    }
}
