package dev.headroom.sizing.hardware;

import java.util.List;

/**
 * A machine as the engine sees it. Produced by the probe on the machine itself, or loaded from a
 * profile saved with {@code headroom probe --json}.
 *
 * @param hostName the host's name, for reports
 * @param os operating system and version
 * @param cpu the processor
 * @param memory host memory and container limit
 * @param gpus accelerators (empty when none was found)
 * @param warnings what the probe could not see and why
 * @param disks free space where models live (empty when not probed)
 * @param readings where each fact came from (empty when not recorded)
 */
public record HardwareProfile(String hostName, String os, CpuInfo cpu, MemoryInfo memory, List<GpuInfo> gpus,
                              List<String> warnings, List<DiskInfo> disks, List<Reading> readings) {
    public HardwareProfile {
        hostName = hostName == null ? "unknown" : hostName;
        os = os == null ? "unknown" : os;
        if (cpu == null || memory == null) {
            throw new IllegalArgumentException("cpu and memory are required");
        }
        gpus = List.copyOf(gpus);
        warnings = List.copyOf(warnings);
        disks = disks == null ? List.of() : List.copyOf(disks);
        readings = readings == null ? List.of() : List.copyOf(readings);
    }

    /** The foundation's shape: no disks or readings recorded. */
    public HardwareProfile(String hostName, String os, CpuInfo cpu, MemoryInfo memory, List<GpuInfo> gpus,
                           List<String> warnings) {
        this(hostName, os, cpu, memory, gpus, warnings, List.of(), List.of());
    }

    /** Discrete GPUs (those that do not share host RAM). */
    public List<GpuInfo> discreteGpus() {
        return gpus.stream().filter(g -> !g.unifiedMemory()).toList();
    }
}
