package dev.headroom.advisor.validate.speed;

import dev.headroom.sizing.Estimator;
import dev.headroom.sizing.fit.Placement;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import java.util.List;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.speed.ClassConstants;
import dev.headroom.sizing.speed.DeviceClass;
import dev.headroom.sizing.speed.MemoryTechnology;
import dev.headroom.sizing.speed.SpeedCeilings;
import java.util.Locale;
import java.util.Map;

/** The engine's prediction for one benchmark row, from datasheet rates and the class constants only. */
final class RowPrediction {
    /** Llama-2 shapes from the models' config.json (meta-llama/Llama-2-{7,13,70}b-hf). */
    static final ModelArchitecture LLAMA2_7B = ModelArchitecture.llama(32, 4096, 32, 32, 11008, 32000, 4096).build();
    static final ModelArchitecture LLAMA2_13B = ModelArchitecture.llama(40, 5120, 40, 40, 13824, 32000, 4096).build();
    static final ModelArchitecture LLAMA2_70B = ModelArchitecture.llama(80, 8192, 64, 8, 28672, 32000, 4096).build();
    /** Mean KV position of llama-bench {@code tgN} (no prompt): N/2. {@code main} rows ran with n_ctx 512: a half-full window. */
    static final int MAIN_MEAN_CONTEXT = 256;
    /**
     * How the multi-GPU rows split the model: by rows. At a fixed GPU count the time beyond streaming 1/n of the weights is
     * the same for F16 and Q4_0 (RTX 4090 x2, Llama-2-7B: 12.5 ms and 12.9 ms per token; x6: 24.1 and 25.4 ms), which
     * a layer split, streaming every weight at one GPU's bandwidth, cannot give; the early-2024 builds ran row split
     * (llama.cpp's only multi-GPU mode before PR #4766, and {@code -sm row} after it).
     */
    static final dev.headroom.sizing.memory.SplitMode ROWS_SPLIT_MODE = dev.headroom.sizing.memory.SplitMode.ROW;

    private RowPrediction() {
    }

    static ModelArchitecture architecture(double paramsBillions) {
        return paramsBillions < 10 ? LLAMA2_7B : paramsBillions < 30 ? LLAMA2_13B : LLAMA2_70B;
    }

    static DeviceClass deviceClass(LlamaBenchRow row) {
        return switch (row.deviceClass().toLowerCase(Locale.ROOT)) {
            case "nvidia" -> DeviceClass.NVIDIA;
            case "apple" -> DeviceClass.APPLE;
            case "amd" -> DeviceClass.AMD;
            case "intel" -> DeviceClass.INTEL;
            default -> DeviceClass.CPU;
        };
    }

    /**
     * Ceilings for a row's device with explicit class constants (the fit varies them). CPU rows (llama.cpp
     * with -ngl 0 on an Apple SoC) use the SoC's bandwidth; the catalog has no CPU compute figure, so for
     * them only the memory and overhead terms count.
     */
    static SpeedCeilings ceilings(DeviceClass c, DeviceSpecs.Spec spec, ClassConstants k) {
        boolean cpu = c == DeviceClass.CPU;
        double flops = cpu || spec.matrixFlopsPerSecond() <= 0 ? 1e18 : spec.matrixFlopsPerSecond() * k.computeEfficiency();
        return new SpeedCeilings(spec.bandwidthBytesPerSecond() * k.bandwidthEfficiency(), flops, Map.of(), k.layerOverheadSeconds(),
                k.peerSyncSecondsPerLayer(), cpu ? 1.0 : k.overlap(), Origin.DATASHEET, spec.name(), 1.0, k.splitLayerSeconds(),
                cpu ? 0 : spec.bandwidthBytesPerSecond() * k.prefillDequantEfficiency());
    }

    /**
     * Predicted tokens/s for the row's test (decode rate for tg rows, prompt rate for pp rows) through the
     * speed function every surface uses ({@link Estimator#speed}): the row's devices as a machine whose GPU
     * ceilings come from the same datasheet factory as the advisor's enrichment
     * ({@link SpeedCeilings#forDatasheet(DeviceClass, ClassConstants, String, double, double, dev.headroom.sizing.speed.MemoryTechnology)}), the whole model on
     * its {@code n_devices} GPUs (or on the CPU for -ngl 0 rows), at the row's prompt and KV position.
     */
    static double predict(LlamaBenchRow row, DeviceSpecs.Spec spec, ClassConstants k) {
        return predict(row, spec, k, spec.memoryTechnology());
    }

    /**
     * {@link #predict(LlamaBenchRow, DeviceSpecs.Spec, ClassConstants)} as the surfaces compute it: the advisor's
     * enrichment ({@code Machines.of}, {@code Planner}) passes the catalog's memory technology to
     * {@link SpeedCeilings#forDatasheet}, so this equals the fitted prediction (the report keeps the column to show it).
     */
    static double predictShipped(LlamaBenchRow row, DeviceSpecs.Spec spec, ClassConstants k) {
        // Machines.of and Planner pass the catalog's memory technology: what users get is the fitted model.
        return predict(row, spec, k, spec.memoryTechnology());
    }

    static double predict(LlamaBenchRow row, DeviceSpecs.Spec spec, ClassConstants k, MemoryTechnology technology) {
        DeploymentRequest request = new DeploymentRequest(architecture(row.paramsBillions()), Precision.parse(row.quant()), 4096, 1,
                dev.headroom.sizing.quant.GgmlType.F16, RuntimeProfile.LLAMA_CPP.withSplitMode(ROWS_SPLIT_MODE));
        DeviceClass c = deviceClass(row);
        SpeedCeilings ceilings = c == DeviceClass.CPU ? ceilings(c, spec, k)
                : SpeedCeilings.forDatasheet(c, k, spec.name(), spec.bandwidthBytesPerSecond(), spec.matrixFlopsPerSecond(),
                        technology);
        HardwareProfile hw = new HardwareProfile(spec.name(), "validation", new CpuInfo("", "", 1, 1, 1, List.of()),
                new MemoryInfo(1L << 40, 1L << 40, MemoryInfo.NO_LIMIT, 0), List.of(), List.of());
        Estimator estimator = new Estimator(hw, ceilings, c == DeviceClass.CPU ? null : ceilings);
        Placement placement = c == DeviceClass.CPU ? new Placement.OnCpu(0, 1) : new Placement.OnGpu(row.devices(), 0, 1);
        if (row.generation()) {
            long context = row.fromMain() ? MAIN_MEAN_CONTEXT : row.testTokens() / 2;
            return estimator.speed(request, placement, new Estimator.SpeedPoint(1, context)).decodeTokensPerSecond();
        }
        double warm = estimator.speed(request, placement, new Estimator.SpeedPoint(row.testTokens(), row.testTokens())).prefillTokensPerSecond();
        // llama.cpp main times its first (cold) prompt; llama-bench warms up before it measures.
        return row.fromMain() && k.firstPassSeconds() > 0 ? row.testTokens() / (row.testTokens() / warm + k.firstPassSeconds()) : warm;
    }
}
