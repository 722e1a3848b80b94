package dev.headroom.sizing.speed;

/**
 * The handful of calibrated constants of one {@link DeviceClass}: everything the speed model knows
 * about a device beyond its datasheet bandwidth, compute and memory technology. They are fitted
 * (coordinate descent on a grid, median absolute relative error) on every trust-A row of
 * {@code validation/llama_bench_llama2.csv} of the class, and judged leave-one-device-out: each device is
 * predicted with constants fitted without it (docs/accuracy-speed.md,
 * {@code dev.headroom.advisor.validate.speed.ClassConstantFit} and {@code SpeedAccuracyReport}).
 *
 * @param bandwidthEfficiency share of the datasheet memory bandwidth that llama.cpp's decode kernels stream, 0..1
 * @param computeEfficiency share of the datasheet dense FP16 rate that prompt processing reaches, 0..1
 * @param layerOverheadSeconds fixed time per layer per token: kernel launches, synchronisation, small ops
 *                             (norms, RoPE, softmax) that neither stream weights nor saturate compute
 * @param peerSyncSecondsPerLayer extra time per layer per token for each additional device a model is split
 *                                over (the activations cross PCIe and devices synchronise)
 * @param overlap share of the smaller of memory and compute time hidden under the larger (see {@link SpeedCeilings#overlap()})
 * @param hbmLayerOverheadSeconds the fixed time per layer per token on HBM (datacenter) parts: the measured A100 and H100
 *                                decode rows pay about 1.6x the per-layer cost of GDDR cards (small latency-bound kernels
 *                                on HBM, hosted in server CPUs that launch kernels more slowly); one constant per memory
 *                                technology, never per device
 * @param quantizedPrefillShare prompt-processing rate of quantized weight formats relative to F16, 0..1: llama.cpp
 *                              dequantizes (or converts activations) before its matrix kernels, which F16 does not
 * @param splitLayerSeconds fixed time per layer per token paid once a model is split over several GPUs at all (the
 *                          partial results of every matrix are gathered on the main GPU through the host), on top
 *                          of {@code peerSyncSecondsPerLayer} per additional GPU
 * @param source how the values were obtained
 * @param prefillDequantEfficiency share of the datasheet bandwidth at which the backend's separate dequantization pass
 *                                 runs before a prompt's matrix products (llama.cpp CUDA of 2024 expands quantized weights
 *                                 to F16 for cuBLAS once per micro-batch: reads the quantized bytes, writes 2 bytes per
 *                                 weight); 0 where the backend multiplies quantized blocks directly (Metal, CPU)
 * @param firstPassSeconds one-time cost of the first forward pass after a model is loaded (CUDA: cuBLAS handles and
 *                         lazily loaded kernels); llama.cpp {@code main} times its first prompt with it, {@code llama-bench}
 *                         warms up first; the engine's prompt rates are warm and do not include it
 */
public record ClassConstants(double bandwidthEfficiency, double computeEfficiency, double layerOverheadSeconds,
                             double peerSyncSecondsPerLayer, double overlap, double hbmLayerOverheadSeconds,
                             double quantizedPrefillShare, double splitLayerSeconds, String source,
                             double prefillDequantEfficiency, double firstPassSeconds) {
    /** Constants without a dequantization pass or first-pass cost. */
    public ClassConstants(double bandwidthEfficiency, double computeEfficiency, double layerOverheadSeconds,
                          double peerSyncSecondsPerLayer, double overlap, double hbmLayerOverheadSeconds,
                          double quantizedPrefillShare, double splitLayerSeconds, String source) {
        this(bandwidthEfficiency, computeEfficiency, layerOverheadSeconds, peerSyncSecondsPerLayer, overlap, hbmLayerOverheadSeconds,
                quantizedPrefillShare, splitLayerSeconds, source, 0, 0);
    }

    /** Constants without a memory-technology or format term: HBM parts pay the default overhead, quantized prompts the F16 rate. */
    public ClassConstants(double bandwidthEfficiency, double computeEfficiency, double layerOverheadSeconds,
                          double peerSyncSecondsPerLayer, double overlap, String source) {
        this(bandwidthEfficiency, computeEfficiency, layerOverheadSeconds, peerSyncSecondsPerLayer, overlap,
                layerOverheadSeconds, 1.0, 0, source);
    }

    public ClassConstants {
        if (!(bandwidthEfficiency > 0 && bandwidthEfficiency <= 1)) {
            throw new IllegalArgumentException("bandwidthEfficiency: must be within (0, 1], was " + bandwidthEfficiency);
        }
        if (!(computeEfficiency > 0 && computeEfficiency <= 1)) {
            throw new IllegalArgumentException("computeEfficiency: must be within (0, 1], was " + computeEfficiency);
        }
        if (!(layerOverheadSeconds >= 0) || !(peerSyncSecondsPerLayer >= 0) || !(hbmLayerOverheadSeconds >= 0)
                || !(splitLayerSeconds >= 0)) {
            throw new IllegalArgumentException("overheads: must not be negative, were " + layerOverheadSeconds + ", "
                    + peerSyncSecondsPerLayer + ", " + hbmLayerOverheadSeconds);
        }
        if (!(quantizedPrefillShare > 0 && quantizedPrefillShare <= 1)) {
            throw new IllegalArgumentException("quantizedPrefillShare: must be within (0, 1], was " + quantizedPrefillShare);
        }
        if (!(overlap >= 0 && overlap <= 1)) {
            throw new IllegalArgumentException("overlap: must be within 0..1, was " + overlap);
        }
        if (!(prefillDequantEfficiency >= 0 && prefillDequantEfficiency <= 1) || !(firstPassSeconds >= 0)) {
            throw new IllegalArgumentException("prefillDequantEfficiency: must be within 0..1 and firstPassSeconds not negative, were "
                    + prefillDequantEfficiency + ", " + firstPassSeconds);
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
    private static final String FITTED = "fitted on every llama_bench_llama2.csv trust-A row of the class";

    /**
     * NVIDIA (CUDA): fitted on the trust-A rows of 11 devices (RTX 3090, 3090 Ti, 4080, 4090, RTX 4000/5000/6000 Ada,
     * RTX A6000, A100 80GB PCIe, H100 PCIe, Tesla P40; 1-6 GPUs). Decode streams at 0.90 of the datasheet bandwidth; HBM
     * parts pay 170 us per layer per token against 110 us on GDDR parts; a row split pays 230 us per layer per extra GPU.
     * Prompts: 0.52 of the dense FP16 (FP16-accumulate) rate, a dequantization pass for quantized formats at 0.97 of the
     * bandwidth (read the blocks, write F16), and 48 ms for the first pass after loading.
     */
    public static final ClassConstants NVIDIA = new ClassConstants(0.90, 0.52, 110e-6, 230e-6, OVERLAP_GPU, 170e-6, 1.00, 0, FITTED,
            0.97, 0.048);
    /**
     * Apple (Metal): fitted on the trust-A rows of M1 Max, M2 Ultra, M3, M3 Max (and the M2's prompt row); compute
     * relative to the FP32 ALU rate (no tensor FP16 figure); Metal multiplies quantized blocks directly (no
     * dequantization pass), at 0.84 of the F16 prompt rate; 11 ms for the first pass.
     */
    public static final ClassConstants APPLE = new ClassConstants(0.93, 0.75, 210e-6, 0, OVERLAP_GPU, 210e-6, 0.84, 0, FITTED, 0,
            0.011);
    /**
     * AMD (ROCm/HIP) and Intel (SYCL): no trust-A rows exist, so they borrow NVIDIA's values; the
     * accuracy report shows them against trust-C rows only.
     */
    public static final ClassConstants AMD = NVIDIA.withSource("NVIDIA's values (no trust-A AMD rows)");
    public static final ClassConstants INTEL = NVIDIA.withSource("NVIDIA's values (no trust-A Intel rows)");
    /**
     * CPU without calibration: cores reach about 40% of a SoC's or server's quoted bandwidth (the two
     * trust-A CPU-only rows, Apple M3 / M3 Max with -ngl 0, give 0.36); {@code headroom bench} replaces
     * bandwidth and compute with measurements.
     */
    public static final ClassConstants CPU = new ClassConstants(0.40, 0.50, 100e-6, 0, OVERLAP_CPU, "two trust-A CPU-only rows (M3, M3 Max -ngl 0); replaced by calibration");

    /** The fixed per-layer, per-token time on a device of this memory technology: HBM parts have their own constant. */
    public double layerOverheadSeconds(MemoryTechnology technology) {
        return technology == MemoryTechnology.HBM ? hbmLayerOverheadSeconds : layerOverheadSeconds;
    }

    /** These constants with another source note. */
    public ClassConstants withSource(String note) {
        return new ClassConstants(bandwidthEfficiency, computeEfficiency, layerOverheadSeconds, peerSyncSecondsPerLayer, overlap,
                hbmLayerOverheadSeconds, quantizedPrefillShare, splitLayerSeconds, note, prefillDequantEfficiency, firstPassSeconds);
    }

    /** These constants with other values of the fitted terms (the fit varies them); overlap and source kept. */
    public ClassConstants with(double bandwidth, double compute, double overhead, double sync, double hbmOverhead, double quantizedShare,
                               double split) {
        return new ClassConstants(bandwidth, compute, overhead, sync, overlap, hbmOverhead, quantizedShare, split, source,
                prefillDequantEfficiency, firstPassSeconds);
    }

    /** These constants with other prompt terms: the dequantization pass's bandwidth share and the first-pass cost. */
    public ClassConstants withPrefill(double compute, double quantizedShare, double dequantEfficiency, double firstPass) {
        return new ClassConstants(bandwidthEfficiency, compute, layerOverheadSeconds, peerSyncSecondsPerLayer, overlap,
                hbmLayerOverheadSeconds, quantizedShare, splitLayerSeconds, source, dequantEfficiency, firstPass);
    }

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
