package dev.headroom.sizing.hardware;

import java.util.List;

/**
 * @param vendor e.g. {@code GenuineIntel}, {@code AuthenticAMD}, {@code Apple}
 * @param model the marketing name
 * @param physicalCores physical cores (0 when unknown)
 * @param logicalCores hardware threads the OS schedules
 * @param effectiveCores CPUs this process may use (container quota, affinity), at most {@code logicalCores}
 * @param features normalised ISA features, lower case ({@code avx2}, {@code avx512f}, {@code amx_tile}, {@code neon})
 */
public record CpuInfo(String vendor, String model, int physicalCores, int logicalCores, double effectiveCores,
                      List<String> features) {
    public CpuInfo {
        vendor = vendor == null ? "unknown" : vendor;
        model = model == null ? "unknown" : model;
        features = List.copyOf(features);
        if (logicalCores <= 0) {
            throw new IllegalArgumentException("logicalCores: must be positive, was " + logicalCores);
        }
        if (effectiveCores <= 0 || effectiveCores > logicalCores) {
            effectiveCores = logicalCores;
        }
    }

    public boolean has(String feature) {
        return features.contains(feature);
    }
}
