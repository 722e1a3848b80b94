package dev.headroom.advisor.validate.speed;

import dev.headroom.sizing.speed.ClassConstants;
import dev.headroom.sizing.speed.DeviceClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reproduces the fit behind {@link ClassConstants}: a grid search that minimises the median absolute
 * relative error over the trust-A rows of a documented subset of devices, through the engine itself.
 * Steps: bandwidth efficiency (0.30-1.00 by 0.01), per-layer overhead and per-extra-GPU sync cost
 * (0-600 us by 5 us) jointly on all decode rows; then compute efficiency (0.02-1.00 by 0.01) on
 * single-device prompt rows.
 */
public final class ClassConstantFit {
    /** The devices each class is fitted on; every other device is unseen by the fit. */
    public static final Set<String> NVIDIA_FIT_DEVICES = Set.of("NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 4090");
    public static final Set<String> APPLE_FIT_DEVICES = Set.of("Apple M1 Max (32GB)", "Apple M2 Ultra (76-core GPU, 192GB)");

    private ClassConstantFit() {
    }

    static Set<String> fitDevices(DeviceClass c) {
        return switch (c) {
            case NVIDIA -> NVIDIA_FIT_DEVICES;
            case APPLE -> APPLE_FIT_DEVICES;
            default -> Set.of();
        };
    }

    /** The fitted constants of a class (NVIDIA or APPLE), from the bundled rows and catalog. */
    public static ClassConstants fit(DeviceClass c) {
        return fit(c, LlamaBenchRow.bundled(), DeviceSpecs.bundled());
    }

    static ClassConstants fit(DeviceClass c, List<LlamaBenchRow> all, DeviceSpecs specs) {
        Set<String> devices = fitDevices(c);
        List<LlamaBenchRow> rows = all.stream().filter(r -> "A".equals(r.trust()) && devices.contains(r.device())
                && RowPrediction.deviceClass(r) == c && specs.match(r.device()) != null).toList();
        List<LlamaBenchRow> single = rows.stream().filter(r -> r.generation() && r.devices() == 1).toList();
        List<LlamaBenchRow> multi = rows.stream().filter(r -> r.generation() && r.devices() > 1).toList();
        List<LlamaBenchRow> prompt = rows.stream().filter(r -> !r.generation() && r.devices() == 1).toList();
        ClassConstants start = ClassConstants.of(c);

        // Decode: one engine evaluation per row at unit constants gives its memory time M (bandwidth-bound at
        // batch 1 on GPUs: overlap 1 and the compute term is under 2% of M), and the step time is then
        // M / efficiency + layers x (overhead + (GPUs - 1) x sync), so the joint grid is plain arithmetic.
        List<LlamaBenchRow> decode = new ArrayList<>(single);
        decode.addAll(multi);
        double[] memory = new double[decode.size()];
        ClassConstants unit = new ClassConstants(1.0, 1.0, 0, 0, start.overlap(), "");
        for (int i = 0; i < memory.length; i++) {
            memory[i] = 1 / RowPrediction.predict(decode.get(i), specs.match(decode.get(i).device()), unit);
        }
        double bestError = Double.MAX_VALUE;
        int[] best = new int[3];
        double[] errors = new double[decode.size()];
        for (int e = 30; e <= 100; e++) {
            for (int tau = 0; tau <= 600; tau += 5) {
                for (int kappa = 0; kappa <= (multi.isEmpty() ? 0 : 600); kappa += 5) {
                    for (int i = 0; i < errors.length; i++) {
                        LlamaBenchRow r = decode.get(i);
                        double t = memory[i] * 100.0 / e + RowPrediction.architecture(r.paramsBillions()).layers() * (tau + kappa * (r.devices() - 1)) * 1e-6;
                        errors[i] = Math.abs(1 / t / r.tokensPerSecond() - 1);
                    }
                    double err = median(errors);
                    if (err < bestError - 1e-12) {
                        bestError = err;
                        best = new int[] {e, tau, kappa};
                    }
                }
            }
        }
        ClassConstants fitted = new ClassConstants(best[0] / 100.0, start.computeEfficiency(), best[1] * 1e-6, best[2] * 1e-6, start.overlap(), "");

        bestError = Double.MAX_VALUE;
        ClassConstants base = fitted;
        ClassConstants result = fitted;
        for (int e = 2; e <= 100; e++) {
            ClassConstants k = new ClassConstants(base.bandwidthEfficiency(), e / 100.0, base.layerOverheadSeconds(),
                    base.peerSyncSecondsPerLayer(), base.overlap(), "");
            double err = medianError(prompt, specs, k);
            if (err < bestError - 1e-12) {
                bestError = err;
                result = k;
            }
        }
        return result;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double medianError(List<LlamaBenchRow> rows, DeviceSpecs specs, ClassConstants k) {
        List<Double> errors = new ArrayList<>();
        for (LlamaBenchRow r : rows) {
            errors.add(Math.abs(RowPrediction.predict(r, specs.match(r.device()), k) / r.tokensPerSecond() - 1));
        }
        return median(errors);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
