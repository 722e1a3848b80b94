package dev.headroom.sizing.hardware;

/**
 * One accelerator as the probe saw it.
 *
 * @param index the device index in its API (CUDA ordinal, ...)
 * @param vendor {@code NVIDIA}, {@code AMD}, {@code Intel}, {@code Apple}
 * @param name the name the driver reports
 * @param memoryTotalBytes device memory (for Apple: the GPU-usable share of unified memory)
 * @param memoryFreeBytes memory free now, or {@link #UNKNOWN} when the source cannot tell
 * @param unifiedMemory whether the device shares host RAM (Apple Silicon, integrated GPUs, GB10)
 * @param source where the reading came from: {@code jcuda}, {@code nvidia-smi}, {@code rocm-smi}, {@code sysfs}, {@code sysctl}, {@code oshi}
 * @param computeCapability CUDA compute capability such as {@code 8.9}; empty when unknown or not NVIDIA
 * @param multiprocessors streaming multiprocessors (NVIDIA) or compute units (AMD), 0 when unknown
 * @param bandwidthBytesPerSecond peak memory bandwidth derived from the device's own memory clock and bus
 *        width (bytes per second, SI), 0 when the source cannot tell
 * @param pciId PCI vendor and device id as {@code "10de:2684"}, empty when unknown
 * @param confidence how far the memory figures can be trusted
 * @param note anything a reader should know about this reading (e.g. "GPU share of unified memory: 2/3 default")
 */
public record GpuInfo(int index, String vendor, String name, long memoryTotalBytes, long memoryFreeBytes,
                      boolean unifiedMemory, String source, String computeCapability, int multiprocessors,
                      double bandwidthBytesPerSecond, String pciId, Confidence confidence, String note) {
    public static final long UNKNOWN = -1L;

    public GpuInfo {
        vendor = vendor == null ? "unknown" : vendor;
        name = name == null ? "unknown" : name;
        source = source == null ? "unknown" : source;
        computeCapability = computeCapability == null ? "" : computeCapability;
        pciId = pciId == null ? "" : pciId;
        confidence = confidence == null ? Confidence.HIGH : confidence;
        note = note == null ? "" : note;
        if (memoryTotalBytes < 0) {
            throw new IllegalArgumentException("memoryTotalBytes: must not be negative, was " + memoryTotalBytes);
        }
        if (memoryFreeBytes < UNKNOWN) {
            throw new IllegalArgumentException("memoryFreeBytes: must not be negative, was " + memoryFreeBytes);
        }
        if (multiprocessors < 0) {
            throw new IllegalArgumentException("multiprocessors: must not be negative, was " + multiprocessors);
        }
        if (!(bandwidthBytesPerSecond >= 0) || Double.isInfinite(bandwidthBytesPerSecond)) {
            throw new IllegalArgumentException("bandwidthBytesPerSecond: must be finite and not negative, was " + bandwidthBytesPerSecond);
        }
    }

    /** The foundation's shape: a driver reading (high confidence) without compute capability, SMs, bandwidth or PCI id. */
    public GpuInfo(int index, String vendor, String name, long memoryTotalBytes, long memoryFreeBytes,
                   boolean unifiedMemory, String source) {
        this(index, vendor, name, memoryTotalBytes, memoryFreeBytes, unifiedMemory, source, "", 0, 0, "",
                Confidence.HIGH, "");
    }

    /** Free memory, or the total when the source cannot tell what is free. */
    public long usableBytes() {
        return memoryFreeBytes == UNKNOWN ? memoryTotalBytes : Math.min(memoryFreeBytes, memoryTotalBytes);
    }
}
