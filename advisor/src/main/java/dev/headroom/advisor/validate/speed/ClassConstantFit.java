package dev.headroom.advisor.validate.speed;

import dev.headroom.sizing.speed.ClassConstants;
import dev.headroom.sizing.speed.DeviceClass;
import dev.headroom.sizing.speed.MemoryTechnology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reproduces the fit behind {@link ClassConstants}: the median absolute relative error over every trust-A row of
 * a class, minimised by coordinate descent on fixed grids (deterministic, so the engine's constants can be checked
 * against it), and the same fit with one device left out, which is how every device is judged
 * ({@link #leaveOneDeviceOut}).
 *
 * <p>Decode: bandwidth efficiency (0.30-1.00 by 0.01) jointly with the per-layer overheads of GDDR/LPDDR parts and of HBM
 * parts (0-600 us by 10 us, then each polished by 5 us), then the per-extra-GPU sync cost (0-600 us by 5 us) with those held, until nothing changes ({@link #FIT_SPLIT}). The engine is
 * evaluated once per row at unit constants to get the row's memory time M (batch-1 decode on a GPU is bandwidth-bound:
 * overlap 1 and the compute term is under 2% of M), so a step time is M / efficiency + layers x (overhead + (GPUs - 1) x sync).
 * Prompt: compute efficiency (0.02-1.00 by 0.01) and the quantized-format share (0.30-1.00 by 0.01) on single-device
 * prompt rows, through the engine.
 *
 * <p>Rows the model does not describe are not fitted (they are still scored): {@code nkvo=1} rows (KV cache in host
 * RAM) and multi-GPU prompt rows (row split of early 2024, see {@link OutlierReasons}).
 */
public final class ClassConstantFit {
    private static final int MAX_PASSES = 20;
    /**
     * Whether the once-split cost is fitted. It is not: with it the multi-GPU rows fit in-sample (NVIDIA decode median 5.3%)
     * but leave-one-device-out gets worse (16.9% against 9.9%): only three devices have multi-GPU rows, and one constant per
     * extra GPU is what carries over to an unseen one. Held at the engine's value (0).
     */
    static final boolean FIT_SPLIT = false;

    /**
     * The decode fit's loss: squared relative errors capped at 25%, summed (a Huber-like loss). It weighs every
     * row, unlike the median (which only sees the middle row), and one host's odd multi-GPU rows cannot pull it further
     * than the cap. Leave-one-device-out, it carries over better than the median (docs/accuracy-speed.md).
     */
    static final java.util.function.ToDoubleFunction<double[]> DECODE_LOSS = errors -> {
        double sum = 0;
        for (double e : errors) {
            sum += Math.min(e, 0.25) * Math.min(e, 0.25);
        }
        return sum;
    };

    private ClassConstantFit() {
    }

    /** The rows a class's constants are fitted on: trust A, the class's device rows with catalog figures, configurations the model describes. */
    static List<LlamaBenchRow> fitRows(DeviceClass c, List<LlamaBenchRow> all, DeviceSpecs specs) {
        return all.stream().filter(r -> "A".equals(r.trust()) && RowPrediction.deviceClass(r) == c && specs.match(r.device()) != null
                && specs.match(r.device()).bandwidthBytesPerSecond() > 0 && !r.notes().contains("nkvo=1")).toList();
    }

    /** The devices with rows in a class's fit. */
    public static Set<String> fitDevices(DeviceClass c) {
        Set<String> out = new TreeSet<>();
        fitRows(c, LlamaBenchRow.bundled(), DeviceSpecs.bundled()).forEach(r -> out.add(r.device()));
        return out;
    }

    /** The fitted constants of a class (NVIDIA or APPLE), from the bundled rows and catalog. */
    public static ClassConstants fit(DeviceClass c) {
        return fit(c, LlamaBenchRow.bundled(), DeviceSpecs.bundled());
    }

    /** The class's constants fitted on every device but {@code device}. */
    static ClassConstants fitWithout(DeviceClass c, String device, List<LlamaBenchRow> all, DeviceSpecs specs) {
        return fit(c, all.stream().filter(r -> !r.device().equals(device)).toList(), specs);
    }

    static ClassConstants fit(DeviceClass c, List<LlamaBenchRow> all, DeviceSpecs specs) {
        List<LlamaBenchRow> rows = fitRows(c, all, specs);
        List<LlamaBenchRow> decode = rows.stream().filter(LlamaBenchRow::generation).toList();
        List<LlamaBenchRow> prompt = rows.stream().filter(r -> !r.generation() && r.devices() == 1
                && specs.match(r.device()).matrixFlopsPerSecond() > 0).toList();
        ClassConstants start = ClassConstants.of(c);
        boolean anyMulti = decode.stream().anyMatch(r -> r.devices() > 1);
        boolean anyHbm = decode.stream().anyMatch(r -> specs.match(r.device()).memoryTechnology() == MemoryTechnology.HBM);

        // Decode. Memory time per row at unit efficiency and no fixed costs, through the engine.
        double[] memory = new double[decode.size()];
        double[] layers = new double[decode.size()];
        int[] extra = new int[decode.size()];
        boolean[] hbm = new boolean[decode.size()];
        double[] measured = new double[decode.size()];
        ClassConstants unit = new ClassConstants(1.0, 1.0, 0, 0, start.overlap(), 0, 1.0, 0, "");
        for (int i = 0; i < memory.length; i++) {
            LlamaBenchRow r = decode.get(i);
            DeviceSpecs.Spec spec = specs.match(r.device());
            memory[i] = 1 / RowPrediction.predict(r, spec, unit);
            layers[i] = RowPrediction.architecture(r.paramsBillions()).layers();
            extra[i] = r.devices() - 1;
            hbm[i] = spec.memoryTechnology() == MemoryTechnology.HBM;
            measured[i] = r.tokensPerSecond();
        }
        // p = {efficiency %, overhead us, HBM overhead us, sync us, split us}, started from the engine's current values.
        int[] p = {(int) Math.round(start.bandwidthEfficiency() * 100), (int) Math.round(start.layerOverheadSeconds() * 1e6 / 5) * 5,
                (int) Math.round(start.hbmLayerOverheadSeconds() * 1e6 / 5) * 5, (int) Math.round(start.peerSyncSecondsPerLayer() * 1e6 / 5) * 5,
                (int) Math.round(start.splitLayerSeconds() * 1e6 / 5) * 5};
        int[][] grids = {{30, 100, 1}, {0, 600, 10}, {0, 600, 10}, {0, 600, 5}, {0, 600, 5}};
        boolean[] free = {true, true, anyHbm, anyMulti};
        if (!anyHbm) {
            p[2] = p[1];
        }
        if (!anyMulti) {
            p[3] = (int) Math.round(start.peerSyncSecondsPerLayer() * 1e6 / 5) * 5;
        }
        double best = decodeError(p, memory, layers, extra, hbm, measured);
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            int[] before = p.clone();
            // Efficiency and the two overheads jointly (they trade against each other), then the sync cost alone.
            int[] trial = p.clone();
            for (int e = grids[0][0]; e <= grids[0][1]; e += grids[0][2]) {
                trial[0] = e;
                for (int tau = grids[1][0]; tau <= grids[1][1]; tau += grids[1][2]) {
                    trial[1] = tau;
                    int hbmFrom = free[2] ? grids[2][0] : tau;
                    int hbmTo = free[2] ? grids[2][1] : tau;
                    for (int h = hbmFrom; h <= hbmTo; h += grids[2][2]) {
                        trial[2] = h;
                        double err = decodeError(trial, memory, layers, extra, hbm, measured);
                        if (err < best - 1e-12) {
                            best = err;
                            p = trial.clone();
                        }
                    }
                }
            }
            if (free[3]) {
                trial = p.clone();
                for (int split = FIT_SPLIT ? grids[4][0] : p[4]; split <= (FIT_SPLIT ? grids[4][1] : p[4]); split += grids[4][2]) {
                    trial[4] = split;
                    for (int v = grids[3][0]; v <= grids[3][1]; v += grids[3][2]) {
                        trial[3] = v;
                        double err = decodeError(trial, memory, layers, extra, hbm, measured);
                        if (err < best - 1e-12) {
                            best = err;
                            p = trial.clone();
                        }
                    }
                }
            }
            // Polish each overhead on the 5 us grid (the joint search steps 10 us).
            for (int k = 1; k <= 2; k++) {
                if (k == 2 && !free[2]) {
                    break;
                }
                trial = p.clone();
                for (int v = grids[k][0]; v <= grids[k][1]; v += 5) {
                    trial[k] = v;
                    if (!free[2]) {
                        trial[2] = v;
                    }
                    double err = decodeError(trial, memory, layers, extra, hbm, measured);
                    if (err < best - 1e-12) {
                        best = err;
                        p = trial.clone();
                    }
                }
            }
            if (Arrays.equals(before, p)) {
                break;
            }
        }
        ClassConstants fitted = start.with(p[0] / 100.0, start.computeEfficiency(), p[1] * 1e-6, p[3] * 1e-6, p[2] * 1e-6,
                start.quantizedPrefillShare(), p[4] * 1e-6);
        if (prompt.isEmpty()) {
            return fitted;
        }

        // Prompt: compute efficiency, then the format term of the class's backend (a dequantization pass where it has one,
        // else a rate share), then the first-pass cost of cold runs, in turn, through the engine.
        boolean dequantPass = start.prefillDequantEfficiency() > 0;
        int[] q = {(int) Math.round(fitted.computeEfficiency() * 100), (int) Math.round(fitted.quantizedPrefillShare() * 100),
                (int) Math.round(fitted.prefillDequantEfficiency() * 100), (int) Math.round(fitted.firstPassSeconds() * 1e3)};
        int[][] qGrids = {{2, 100}, {30, 100}, {5, 100}, {0, 150}};
        boolean anyQuantized = prompt.stream().anyMatch(r -> !r.quant().equals("F16"));
        boolean anyMain = prompt.stream().anyMatch(LlamaBenchRow::fromMain);
        boolean[] qFree = {true, anyQuantized && !dequantPass, anyQuantized && dequantPass, anyMain};
        double bestPrompt = medianError(prompt, specs, withPrompt(fitted, q));
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean changed = false;
            for (int k = 0; k < q.length; k++) {
                if (!qFree[k]) {
                    continue;
                }
                int keep = q[k];
                int bestValue = keep;
                for (int v = qGrids[k][0]; v <= qGrids[k][1]; v++) {
                    q[k] = v;
                    double e = medianError(prompt, specs, withPrompt(fitted, q));
                    if (e < bestPrompt - 1e-12) {
                        bestPrompt = e;
                        bestValue = v;
                    }
                }
                q[k] = bestValue;
                changed |= bestValue != keep;
            }
            if (!changed) {
                break;
            }
        }
        return withPrompt(fitted, q);
    }

    private static ClassConstants withPrompt(ClassConstants k, int[] q) {
        return k.withPrefill(q[0] / 100.0, q[1] / 100.0, q[2] / 100.0, q[3] * 1e-3);
    }

    private static double decodeError(int[] p, double[] memory, double[] layers, int[] extra, boolean[] hbm, double[] measured) {
        double[] errors = new double[memory.length];
        for (int i = 0; i < errors.length; i++) {
            double overhead = (hbm[i] ? p[2] : p[1]) + (extra[i] > 0 ? p[4] + p[3] * extra[i] : 0);
            double t = memory[i] * 100.0 / p[0] + layers[i] * overhead * 1e-6;
            errors[i] = Math.abs(1 / t / measured[i] - 1);
        }
        return DECODE_LOSS.applyAsDouble(errors);
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
