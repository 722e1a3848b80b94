package dev.headroom.sizing.hardware;

import java.util.List;

/**
 * @param vendor e.g. {@code GenuineIntel}, {@code AuthenticAMD}, {@code Apple}
 * @param model the marketing name
 * @param physicalCores physical cores (0 when unknown)
 * @param logicalCores hardware threads the OS schedules
 * @param effectiveCores CPUs this process may use (container quota, affinity), at most {@code logicalCores}
 * @param features normalised ISA features, lower case ({@code avx2}, {@code avx512f}, {@code amx_tile}, {@code neon})
 * @param microarchitecture e.g. {@code Zen 4}, {@code Sapphire Rapids}, {@code Avalanche/Blizzard (M2)}; empty when unknown
 * @param performanceCores performance cores on hybrid CPUs (0 when the OS does not tell or the CPU is not hybrid)
 * @param efficiencyCores efficiency cores on hybrid CPUs (0 when the OS does not tell or the CPU is not hybrid)
 * @param maxFrequencyHz highest advertised core clock in Hz, 0 when unknown
 * @param caches cache sizes, {@link CpuCaches#UNKNOWN} when unknown
 */
public record CpuInfo(String vendor, String model, int physicalCores, int logicalCores, double effectiveCores,
                      List<String> features, String microarchitecture, int performanceCores, int efficiencyCores,
                      long maxFrequencyHz, CpuCaches caches) {
    public CpuInfo {
        vendor = vendor == null ? "unknown" : vendor;
        model = model == null ? "unknown" : model;
        features = List.copyOf(features);
        microarchitecture = microarchitecture == null ? "" : microarchitecture;
        caches = caches == null ? CpuCaches.UNKNOWN : caches;
        if (logicalCores <= 0) {
            throw new IllegalArgumentException("logicalCores: must be positive, was " + logicalCores);
        }
        if (effectiveCores <= 0 || effectiveCores > logicalCores) {
            effectiveCores = logicalCores;
        }
        if (performanceCores < 0 || efficiencyCores < 0) {
            throw new IllegalArgumentException("performanceCores/efficiencyCores: must not be negative, were "
                    + performanceCores + "/" + efficiencyCores);
        }
        if (maxFrequencyHz < 0) {
            throw new IllegalArgumentException("maxFrequencyHz: must not be negative, was " + maxFrequencyHz);
        }
    }

    /** The foundation's shape: no microarchitecture, hybrid split, frequency or caches known. */
    public CpuInfo(String vendor, String model, int physicalCores, int logicalCores, double effectiveCores,
                   List<String> features) {
        this(vendor, model, physicalCores, logicalCores, effectiveCores, features, "", 0, 0, 0, CpuCaches.UNKNOWN);
    }

    public boolean has(String feature) {
        return features.contains(feature);
    }

    /** Whether the OS reported distinct performance and efficiency cores. */
    public boolean hybrid() {
        return performanceCores > 0 && efficiencyCores > 0;
    }
}
