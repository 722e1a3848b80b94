package dev.headroom.sizing.speed;

import dev.headroom.sizing.hardware.CpuInfo;
import java.util.Map;
import dev.headroom.sizing.provenance.Origin;

/**
 * Ceilings to use before anything was measured. Each constant is an assumption, labelled DEFAULT in
 * every estimate that uses it, and replaced by {@code headroom bench} calibration.
 */
public final class DefaultCeilings {
    /**
     * Achievable DRAM read bandwidth per core, and its cap: one core of a current x86 or ARM server
     * streams roughly 8-12 GB/s; dual-channel DDR4/DDR5 desktops saturate around 30-60 GB/s.
     */
    static final double CPU_BANDWIDTH_PER_CORE = 8e9;
    static final double CPU_BANDWIDTH_CAP = 50e9;
    /** Sustained clock assumed for FLOP estimates (2.5 GHz) and the share of the FMA peak reached by quantized matmul (0.5). */
    static final double CPU_CLOCK_HZ = 2.5e9;
    static final double CPU_MATMUL_EFFICIENCY = 0.5;
    /** Share of a GPU's datasheet bandwidth that llama.cpp-style decoding reaches (NVIDIA class, see {@link ClassConstants}). */
    public static final double GPU_BANDWIDTH_EFFICIENCY = ClassConstants.NVIDIA.bandwidthEfficiency();
    /** Share of a GPU's dense FP16 tensor peak that prefill reaches (NVIDIA class, see {@link ClassConstants}). */
    public static final double GPU_COMPUTE_EFFICIENCY = ClassConstants.NVIDIA.computeEfficiency();

    private DefaultCeilings() {
    }

    /**
     * A CPU's ceilings from its core count and vector width, with the CPU class's per-layer overhead. When the
     * host's memory bandwidth is known ({@code memoryBandwidthBytesPerSecond} > 0: DIMM speed x channels, or a
     * SoC datasheet) the lesser of the per-core figure and the CPU class's share of the bus applies.
     */
    public static SpeedCeilings forCpu(CpuInfo cpu, double memoryBandwidthBytesPerSecond) {
        double cores = cpu.effectiveCores();
        double bandwidth = Math.min(CPU_BANDWIDTH_CAP, CPU_BANDWIDTH_PER_CORE * cores);
        String bandwidthNote = String.format(java.util.Locale.ROOT, "%.1f cores x 8 GB/s (cap 50 GB/s)", cores);
        if (memoryBandwidthBytesPerSecond > 0
                && memoryBandwidthBytesPerSecond * ClassConstants.CPU.bandwidthEfficiency() < CPU_BANDWIDTH_PER_CORE * cores) {
            // Many cores saturate the memory bus: the bus, not the cores, is then the ceiling.
            bandwidth = memoryBandwidthBytesPerSecond * ClassConstants.CPU.bandwidthEfficiency();
            bandwidthNote = String.format(java.util.Locale.ROOT, "%.0f GB/s memory x %.2f (CPU class)",
                    memoryBandwidthBytesPerSecond / 1e9, ClassConstants.CPU.bandwidthEfficiency());
        }
        int fp32Lanes = cpu.has("avx512f") ? 16 : cpu.has("avx2") ? 8 : (cpu.has("neon") || cpu.has("asimd")) ? 4 : 4;
        int fmaUnits = 2;
        double flops = cores * CPU_CLOCK_HZ * fp32Lanes * fmaUnits * 2 * CPU_MATMUL_EFFICIENCY;
        return new SpeedCeilings(bandwidth, flops, Map.of(), ClassConstants.CPU.layerOverheadSeconds(), 0,
                ClassConstants.CPU.overlap(), Origin.DEFAULT,
                String.format(java.util.Locale.ROOT, "uncalibrated CPU default: %s, %d-lane FMA at 2.5 GHz x 0.5; run 'headroom bench' to measure",
                        bandwidthNote, fp32Lanes));
    }

    /** {@link #forCpu(CpuInfo, double)} when the memory bandwidth is unknown. */
    public static SpeedCeilings forCpu(CpuInfo cpu) {
        return forCpu(cpu, 0);
    }
}
