package dev.headroom.sizing.speed;

import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.quant.GgmlType;
import java.util.EnumMap;
import java.util.Map;
import dev.headroom.sizing.provenance.Origin;

/**
 * Ceilings to use before anything was measured. Each constant is an assumption, labelled DEFAULT in
 * every estimate that uses it, and replaced by {@code headroom bench} calibration.
 */
public final class DefaultCeilings {
    /**
     * Achievable DRAM read bandwidth of one core, growing with the square root of the cores used, and its cap. One core
     * streams as fast as its outstanding cache misses allow; more cores add less as the channels fill. llama.cpp's
     * decode on this project's 2-vCPU EPYC VM streamed an F16 Llama-3.2-1B-shaped file at 31 GB/s on one thread and
     * 39 GB/s on two (docs/speed-model.md, CPU section; STREAM read on the same machine: 25 and 35-45 GB/s):
     * 28 GB/s x sqrt(cores) gives 28 and 40. (The earlier 8 GB/s per core was 2-3x low there.) Dual-channel
     * DDR4/DDR5 desktops saturate around 30-60 GB/s.
     */
    static final double CPU_BANDWIDTH_ONE_CORE = 28e9;
    static final double CPU_BANDWIDTH_CAP = 50e9;
    /**
     * llama.cpp's matrix-vector rate per weight format as a share of the cores' FP32 FMA peak (clock x lanes x 2 units
     * x 2 FLOP). llama.cpp quantizes the activations to Q8 blocks and multiplies with integer dot products (AVX2/AVX-512
     * VNNI, NEON dotprod), so the rate depends on the format's unpacking work, not on a float dequantize loop. Read off
     * the steady single-thread tg128 rows measured with llama-bench on this project's machine (Llama-3.2-1B shape,
     * second run, validation/llama_bench_cpu_measured.csv), where every format runs close to the memory bandwidth
     * (23-30 GB/s): the share that makes each format's step time match: Q8_0 0.30 (48 GFLOP/s per core), Q4_0 0.48
     * (77, with its Q6_K output head at the K-quant rate), K-quants 0.52 (83), F16 0.5 (never binding). Other formats
     * take the nearest layout's share. One machine: CPUs without VNNI or with other vector widths may differ per
     * format; calibration measures them.
     */
    static final Map<GgmlType, Double> CPU_FORMAT_SHARE_OF_PEAK = formatShares();
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
        return forCpu(cpu, memoryBandwidthBytesPerSecond, 0, "");
    }

    /**
     * {@link #forCpu(CpuInfo, double)} with this machine's read bandwidth measured in-process
     * ({@code measuredReadBytesPerSecond} > 0, described by {@code measuredNote}): the measurement replaces the core-count
     * default, since streaming code reads DRAM at about that rate (llama.cpp's F16 decode on this project's machine: 31 and
     * 39 GB/s on 1 and 2 threads against 30 and 38-45 GB/s measured so).
     */
    public static SpeedCeilings forCpu(CpuInfo cpu, double memoryBandwidthBytesPerSecond, double measuredReadBytesPerSecond,
                                       String measuredNote) {
        double cores = cpu.effectiveCores();
        double coresBandwidth = CPU_BANDWIDTH_ONE_CORE * Math.sqrt(cores);
        double bandwidth = Math.min(CPU_BANDWIDTH_CAP, coresBandwidth);
        String bandwidthNote = String.format(java.util.Locale.ROOT, "28 GB/s x sqrt(%.1f cores) (cap 50 GB/s)", cores);
        if (measuredReadBytesPerSecond > 0 && !Double.isInfinite(measuredReadBytesPerSecond)) {
            bandwidth = measuredReadBytesPerSecond;
            bandwidthNote = measuredNote == null || measuredNote.isBlank()
                    ? String.format(java.util.Locale.ROOT, "%.1f GB/s read, measured in-process", measuredReadBytesPerSecond / 1e9)
                    : measuredNote;
        } else if (memoryBandwidthBytesPerSecond > 0
                && memoryBandwidthBytesPerSecond * ClassConstants.CPU.bandwidthEfficiency() < coresBandwidth) {
            // Many cores saturate the memory bus: the bus, not the cores, is then the ceiling.
            bandwidth = memoryBandwidthBytesPerSecond * ClassConstants.CPU.bandwidthEfficiency();
            bandwidthNote = String.format(java.util.Locale.ROOT, "%.0f GB/s memory x %.2f (CPU class)",
                    memoryBandwidthBytesPerSecond / 1e9, ClassConstants.CPU.bandwidthEfficiency());
        }
        int fp32Lanes = cpu.has("avx512f") ? 16 : cpu.has("avx2") ? 8 : (cpu.has("neon") || cpu.has("asimd")) ? 4 : 4;
        int fmaUnits = 2;
        double peak = cores * CPU_CLOCK_HZ * fp32Lanes * fmaUnits * 2;
        double flops = peak * CPU_MATMUL_EFFICIENCY;
        Map<GgmlType, Double> decode = new EnumMap<>(GgmlType.class);
        CPU_FORMAT_SHARE_OF_PEAK.forEach((type, share) -> decode.put(type, peak * share));
        return new SpeedCeilings(bandwidth, flops, decode, ClassConstants.CPU.layerOverheadSeconds(), 0,
                ClassConstants.CPU.overlap(), Origin.DEFAULT,
                String.format(java.util.Locale.ROOT, "uncalibrated CPU default: %s, %d-lane FMA at 2.5 GHz x 0.5, llama.cpp per-format"
                        + " matrix-vector shares of peak; run 'headroom bench' to measure", bandwidthNote, fp32Lanes));
    }

    private static Map<GgmlType, Double> formatShares() {
        Map<GgmlType, Double> m = new EnumMap<>(GgmlType.class);
        m.put(GgmlType.F32, 0.5);
        m.put(GgmlType.F16, 0.5);
        m.put(GgmlType.BF16, 0.5);
        m.put(GgmlType.Q8_0, 0.30);
        m.put(GgmlType.Q4_0, 0.48);
        m.put(GgmlType.Q4_1, 0.48);
        m.put(GgmlType.IQ4_NL, 0.48);
        m.put(GgmlType.Q5_0, 0.30);
        m.put(GgmlType.Q5_1, 0.30);
        for (GgmlType k : new GgmlType[] {GgmlType.Q2_K, GgmlType.Q3_K, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K, GgmlType.IQ4_XS}) {
            m.put(k, 0.52);
        }
        return Map.copyOf(m);
    }

    /** {@link #forCpu(CpuInfo, double)} when the memory bandwidth is unknown. */
    public static SpeedCeilings forCpu(CpuInfo cpu) {
        return forCpu(cpu, 0);
    }
}
