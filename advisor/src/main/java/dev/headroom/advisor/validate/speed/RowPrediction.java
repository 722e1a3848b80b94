package dev.headroom.advisor.validate.speed;

import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.speed.ClassConstants;
import dev.headroom.sizing.speed.DeviceClass;
import dev.headroom.sizing.speed.SpeedCeilings;
import dev.headroom.sizing.speed.SpeedModel;
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
                k.peerSyncSecondsPerLayer(), cpu ? 1.0 : k.overlap(), Origin.DATASHEET, spec.name());
    }

    /** Predicted tokens/s for the row's test: decode rate for tg rows, prompt rate for pp rows. */
    static double predict(LlamaBenchRow row, DeviceSpecs.Spec spec, ClassConstants k) {
        DeploymentRequest request = DeploymentRequest.of(architecture(row.paramsBillions()), Precision.parse(row.quant()), 4096);
        SpeedCeilings c = ceilings(deviceClass(row), spec, k);
        if (row.generation()) {
            long context = row.fromMain() ? MAIN_MEAN_CONTEXT : row.testTokens() / 2;
            return SpeedModel.serve(request, c, row.devices(), 1, context).decodeTokensPerSecond();
        }
        return SpeedModel.serve(request, c, row.devices(), row.testTokens(), row.testTokens()).prefillTokensPerSecond();
    }
}
