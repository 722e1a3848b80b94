package dev.headroom.bench.decoder;

import dev.headroom.bench.kernels.Kernels;
import dev.headroom.bench.kernels.RowParallel;
import dev.headroom.bench.kernels.WeightFormat;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.TensorGroup;
import dev.headroom.sizing.model.TensorRole;
import dev.headroom.sizing.model.ParameterCounter;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.quant.TensorTypePlanner;
import dev.headroom.sizing.speed.SpeedCeilings;
import dev.headroom.sizing.speed.SpeedModel;
import java.util.EnumMap;
import java.util.Map;

/**
 * Prediction versus measurement on this machine: runs {@link SyntheticDecoder} at one precision,
 * times it, and asks the engine ({@link SpeedModel#serve}) for the same shape, precision and mean
 * context using only the calibration's figures.
 */
public final class DecoderCheck {
    /** One comparison. Rates in tokens/s; error = predicted / measured - 1. */
    public record Result(Precision precision, long weightBytes, double measuredTokensPerSecond, double predictedTokensPerSecond,
                         String bound) {
        public double error() {
            return predictedTokensPerSecond / measuredTokensPerSecond - 1;
        }
    }

    private DecoderCheck() {
    }

    /** The Java layout for a GGML type the planner picks (Q6_K heads run as Q8_0, the nearest implemented layout). */
    static WeightFormat javaFormat(GgmlType type) {
        return switch (type) {
            case F32 -> WeightFormat.F32;
            case F16 -> WeightFormat.F16;
            case Q4_0 -> WeightFormat.Q4_0;
            case Q4_K -> WeightFormat.K4;
            default -> WeightFormat.Q8_0;
        };
    }

    /** The calibration key of a Java layout's measured rate. */
    static GgmlType measuredAs(WeightFormat format) {
        return switch (format) {
            case F32 -> GgmlType.F32;
            case F16 -> GgmlType.F16;
            case Q4_0 -> GgmlType.Q4_0;
            case K4 -> GgmlType.Q4_K;
            default -> GgmlType.Q8_0;
        };
    }

    static GgmlType headType(ModelArchitecture arch, Precision precision) {
        for (TensorGroup g : ParameterCounter.tensorGroups(arch)) {
            if (g.role() == TensorRole.OUTPUT_HEAD) {
                return TensorTypePlanner.typeFor(precision, g, arch);
            }
        }
        return precision.baseType();
    }

    public static Result run(DecoderShape shape, Precision precision, int warmupTokens, int measuredTokens, Calibration calibration,
                             Kernels kernels, RowParallel parallel) {
        int context = warmupTokens + measuredTokens;
        ModelArchitecture arch = shape.architecture(Math.max(context, 16));
        GgmlType head = headType(arch, precision);
        SyntheticDecoder decoder = new SyntheticDecoder(shape, javaFormat(precision.baseType()), javaFormat(head), context, kernels, parallel);
        float sink = 0;
        for (int t = 0; t < warmupTokens; t++) {
            sink += decoder.next(t);
        }
        decoder.reset();
        // The median token, like the calibration's median matrix-vector product: robust both to bursts of load
        // from other processes and to the occasional unusually fast token.
        double[] seconds = new double[measuredTokens];
        for (int t = 0; t < measuredTokens; t++) {
            long t0 = System.nanoTime();
            sink += decoder.next(t);
            seconds[t] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(seconds);
        double measured = 1 / seconds[seconds.length / 2];
        if (Float.isNaN(sink)) {
            throw new IllegalStateException("decoder produced NaN");
        }

        Map<GgmlType, Double> rates = new EnumMap<>(calibration.decodeFlopsByFormat());
        // The head runs in the Java layout nearest its type (a Q6_K head as Q8_0): predict it at that layout's rate,
        // not at a rate the calibration may hold for the type itself.
        GgmlType runsAs = measuredAs(javaFormat(head));
        if (runsAs != head) {
            rates.put(head, calibration.decodeFlopsByFormat().getOrDefault(runsAs, calibration.gemmFlopsPerSecond()));
        }
        // The decoder's fixed cost per layer: its parallel dispatches (the head's one spread over the layers).
        double overhead = calibration.dispatchSeconds() * (SyntheticDecoder.DISPATCHES_PER_LAYER + 1.0 / shape.layers());
        SpeedCeilings base = calibration.cpuCeilings(overhead);
        SpeedCeilings ceilings = new SpeedCeilings(base.bandwidthBytesPerSecond(), base.flopsPerSecond(), rates, overhead, 0,
                base.overlap(), Origin.MEASURED, base.note());
        DeploymentRequest request = new DeploymentRequest(arch, precision, context, 1, GgmlType.F32, RuntimeProfile.LLAMA_CPP);
        var predicted = SpeedModel.serve(request, ceilings, 1, 1, measuredTokens / 2);
        return new Result(precision, decoder.weightBytes(), measured, predicted.decodeTokensPerSecond(), predicted.decodeBound());
    }
}
