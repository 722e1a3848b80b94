package dev.headroom.sizing.speed;

/**
 * The handful of calibrated constants of one {@link DeviceClass}: everything the speed model knows
 * about a device beyond its datasheet bandwidth and compute. They were fitted (grid search, median
 * absolute relative error) on a documented subset of the trust-A rows of
 * {@code validation/llama_bench_llama2.csv} — NVIDIA on the RTX 3090 and RTX 4090 rows, Apple on the
 * M1 Max and M2 Ultra rows — and are judged on every row, including devices the fit never saw
 * (docs/accuracy-speed.md, {@code dev.headroom.advisor.validate.speed.SpeedAccuracyReport}).
 *
 * @param bandwidthEfficiency share of the datasheet memory bandwidth that llama.cpp's decode kernels stream, 0..1
 * @param computeEfficiency share of the datasheet dense FP16 rate that prompt processing reaches, 0..1
 * @param layerOverheadSeconds fixed time per layer per token: kernel launches, synchronisation, small ops
 *                             (norms, RoPE, softmax) that neither stream weights nor saturate compute
 * @param peerSyncSecondsPerLayer extra time per layer per token for each additional device a model is split
 *                                over (the activations cross PCIe and devices synchronise)
 * @param overlap share of the smaller of memory and compute time hidden under the larger (see {@link SpeedCeilings#overlap()})
 * @param source how the values were obtained
 */
public record ClassConstants(double bandwidthEfficiency, double computeEfficiency, double layerOverheadSeconds,
                             double peerSyncSecondsPerLayer, double overlap, String source) {
    public ClassConstants {
        if (!(bandwidthEfficiency > 0 && bandwidthEfficiency <= 1)) {
            throw new IllegalArgumentException("bandwidthEfficiency: must be within (0, 1], was " + bandwidthEfficiency);
        }
        if (!(computeEfficiency > 0 && computeEfficiency <= 1)) {
            throw new IllegalArgumentException("computeEfficiency: must be within (0, 1], was " + computeEfficiency);
        }
        if (!(layerOverheadSeconds >= 0) || !(peerSyncSecondsPerLayer >= 0)) {
            throw new IllegalArgumentException("overheads: must not be negative, were " + layerOverheadSeconds + ", " + peerSyncSecondsPerLayer);
        }
        if (!(overlap >= 0 && overlap <= 1)) {
            throw new IllegalArgumentException("overlap: must be within 0..1, was " + overlap);
        }
        source = source == null ? "" : source;
    }

    /** GPUs keep thousands of loads in flight while other warps compute: the pure roofline. */
    private static final double OVERLAP_GPU = 1.0;
    /**
     * CPU: the calibrated per-format rates are measured while streaming weights from DRAM, so they
     * already contain the memory stalls that a few cores cannot hide; the roofline's max() applies to
     * them as it does on GPUs. (With rates measured on cache-resident weights, times would have to add,
     * and even that under-predicted the synthetic decoder's token time by 30-50% on this project's
     * 2-core machine.)
     */
    private static final double OVERLAP_CPU = 1.0;
    private static final String FITTED = "fitted on llama_bench_llama2.csv trust-A rows of ";

    /** NVIDIA (CUDA): fitted on RTX 3090 and RTX 4090 rows (decode) and their prompt rows (compute). */
    public static final ClassConstants NVIDIA = new ClassConstants(0.88, 0.31, 95e-6, 275e-6, OVERLAP_GPU, FITTED + "RTX 3090 and RTX 4090");
    /** Apple (Metal): fitted on M1 Max and M2 Ultra rows; compute relative to the FP32 ALU rate (no tensor FP16 figure). */
    public static final ClassConstants APPLE = new ClassConstants(0.87, 0.66, 175e-6, 0, OVERLAP_GPU, FITTED + "M1 Max and M2 Ultra");
    /**
     * AMD (ROCm/HIP) and Intel (SYCL): no trust-A rows exist, so they borrow NVIDIA's values; the
     * accuracy report shows them against trust-C rows only.
     */
    public static final ClassConstants AMD = new ClassConstants(0.88, 0.31, 95e-6, 275e-6, OVERLAP_GPU, "NVIDIA's values (no trust-A AMD rows)");
    public static final ClassConstants INTEL = new ClassConstants(0.88, 0.31, 95e-6, 275e-6, OVERLAP_GPU, "NVIDIA's values (no trust-A Intel rows)");
    /**
     * CPU without calibration: cores reach about 40% of a SoC's or server's quoted bandwidth (the two
     * trust-A CPU-only rows, Apple M3 / M3 Max with -ngl 0, give 0.36); {@code headroom bench} replaces
     * bandwidth and compute with measurements.
     */
    public static final ClassConstants CPU = new ClassConstants(0.40, 0.50, 100e-6, 0, OVERLAP_CPU, "two trust-A CPU-only rows (M3, M3 Max -ngl 0); replaced by calibration");

    public static ClassConstants of(DeviceClass deviceClass) {
        return switch (deviceClass) {
            case NVIDIA -> NVIDIA;
            case APPLE -> APPLE;
            case AMD -> AMD;
            case INTEL -> INTEL;
            case CPU -> CPU;
        };
    }
}
