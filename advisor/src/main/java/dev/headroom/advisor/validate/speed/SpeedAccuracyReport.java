package dev.headroom.advisor.validate.speed;

import dev.headroom.sizing.speed.ClassConstants;
import dev.headroom.sizing.speed.DeviceClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * docs/accuracy-speed.md: llama.cpp decode and prompt tokens/s predicted by the engine from the
 * accelerator catalog (bandwidth, FP16 TFLOP/s) and the class constants, against every row of
 * {@code validation/llama_bench_llama2.csv}. Deterministic: same inputs, same bytes.
 */
public final class SpeedAccuracyReport {
    /** Acceptance target: median absolute decode error over the trust-A rows of a class. */
    public static final double DECODE_TARGET = 0.15;
    /** Rows further off than this are listed as outliers with a reason. */
    static final double OUTLIER = 0.30;

    /**
     * One row with its predictions: {@code predicted} with the engine's constants (fitted on every trust-A row of the
     * class), {@code leftOut} with the class's constants fitted without this row's device (the honest figure: the
     * device is unseen), {@code before} with the constants of the previous model (commit 568a3a8: fitted on two devices
     * per class, no memory-technology or format terms). NaN when the catalog has no figures for the device.
     */
    public record Scored(LlamaBenchRow row, DeviceClass deviceClass, double predicted, double leftOut, double before, double shipped,
                         boolean inFit) {
        public double error() {
            return predicted / row.tokensPerSecond() - 1;
        }

        /** The error of the leave-one-device-out prediction. */
        public double leftOutError() {
            return leftOut / row.tokensPerSecond() - 1;
        }

        /** The error of the prediction the surfaces show (the advisor's enrichment, with the memory technology). */
        public double shippedError() {
            return shipped / row.tokensPerSecond() - 1;
        }

        /** The error of the previous model's prediction. */
        public double beforeError() {
            return before / row.tokensPerSecond() - 1;
        }

        public boolean predictedAtAll() {
            return !Double.isNaN(predicted);
        }
    }

    /** The previous model's constants (commit 568a3a8 of ClassConstants), kept to report before/after through the same code path. */
    static ClassConstants before(DeviceClass c) {
        return switch (c) {
            case NVIDIA, AMD, INTEL -> new ClassConstants(0.88, 0.31, 95e-6, 275e-6, 1.0, "568a3a8");
            case APPLE -> new ClassConstants(0.87, 0.66, 175e-6, 0, 1.0, "568a3a8");
            case CPU -> new ClassConstants(0.40, 0.50, 100e-6, 0, 1.0, "568a3a8");
        };
    }

    private SpeedAccuracyReport() {
    }

    public static String title() {
        return "Speed: llama.cpp tokens/s";
    }

    private static volatile List<Scored> scored;

    /** Every row scored with the engine's constants, leave-one-device-out and with the previous constants (computed once). */
    public static List<Scored> score() {
        List<Scored> s = scored;
        if (s == null) {
            s = compute();
            scored = s;
        }
        return s;
    }

    private static List<Scored> compute() {
        DeviceSpecs specs = DeviceSpecs.bundled();
        List<LlamaBenchRow> rows = LlamaBenchRow.bundled();
        Map<DeviceClass, Set<String>> fitDevices = new EnumMap<>(DeviceClass.class);
        for (DeviceClass c : FITTED_CLASSES) {
            Set<String> d = new TreeSet<>();
            ClassConstantFit.fitRows(c, rows, specs).forEach(r -> d.add(r.device()));
            fitDevices.put(c, d);
        }
        Map<String, ClassConstants> leftOut = new HashMap<>();
        List<Scored> out = new ArrayList<>();
        for (LlamaBenchRow r : rows) {
            DeviceClass c = RowPrediction.deviceClass(r);
            DeviceSpecs.Spec spec = specs.match(r.device());
            boolean computeKnown = spec != null && (r.generation() || c == DeviceClass.CPU || spec.matrixFlopsPerSecond() > 0);
            boolean usable = spec != null && spec.bandwidthBytesPerSecond() > 0 && computeKnown && !(c == DeviceClass.CPU && !r.generation());
            boolean inFit = fitDevices.getOrDefault(c, Set.of()).contains(r.device());
            double p = usable ? RowPrediction.predict(r, spec, ClassConstants.of(c)) : Double.NaN;
            double b = usable ? RowPrediction.predict(r, spec, before(c)) : Double.NaN;
            double shipped = usable ? RowPrediction.predictShipped(r, spec, ClassConstants.of(c)) : Double.NaN;
            double loo = p;
            if (usable && inFit) {
                ClassConstants k = leftOut.computeIfAbsent(r.device(), d -> ClassConstantFit.fitWithout(c, d, rows, specs));
                loo = RowPrediction.predict(r, spec, k);
            }
            out.add(new Scored(r, c, p, loo, b, shipped, inFit));
        }
        return List.copyOf(out);
    }

    /** Classes whose constants are fitted on the llama.cpp rows (the CPU class is replaced by calibration). */
    static final List<DeviceClass> FITTED_CLASSES = List.of(DeviceClass.NVIDIA, DeviceClass.APPLE);

    /** Median absolute error of the predicted rows that pass {@code filter}, NaN when none. */
    public static double medianAbsError(List<Scored> rows, Predicate<Scored> filter) {
        return ClassConstantFit.median(rows.stream().filter(s -> s.predictedAtAll() && filter.test(s)).map(s -> Math.abs(s.error())).toList());
    }

    /** Median absolute, 90th-percentile absolute, share within 15% and median signed error of one error per row. */
    record Stats(int rows, double median, double p90, double within15, double bias) {
        static Stats of(List<Scored> all, Predicate<Scored> filter, ToDoubleFunction<Scored> error) {
            double[] e = all.stream().filter(s -> s.predictedAtAll() && filter.test(s)).mapToDouble(error).toArray();
            double[] abs = Arrays.stream(e).map(Math::abs).sorted().toArray();
            if (abs.length == 0) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            int p90 = Math.min(abs.length - 1, (int) Math.ceil(0.9 * abs.length) - 1);
            return new Stats(abs.length, ClassConstantFit.median(abs), abs[p90],
                    Arrays.stream(abs).filter(x -> x <= 0.15).count() / (double) abs.length, ClassConstantFit.median(e));
        }

        String cells() {
            return rows == 0 ? "- | - | - | -" : String.format(Locale.ROOT, "%s | %s | %.0f%% | %+.1f%%", pct(median), pct(p90), 100 * within15, 100 * bias);
        }
    }

    /** Rows the model describes: not the KV-in-host-RAM rows, not the multi-GPU prompt rows of the early-2024 row split. */
    static boolean described(Scored s) {
        return !s.row().notes().contains("nkvo=1") && (s.row().generation() || s.row().devices() == 1);
    }

    private static final String FOUR = " median | p90 | within 15% | bias |";
    private static final String FOUR_SEP = "---|---|---|---|";

    public static String markdown() {
        List<Scored> all = score();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title()).append("\n\n");
        md.append("Generated by `SpeedAccuracyReport` (`dev.headroom.advisor.validate.speed`) from `validation/llama_bench_llama2.csv` and the\n")
          .append("catalog's `accelerators.csv`; regenerated by `./headroom validate` and by the tests `SpeedAccuracyReportTest` and\n")
          .append("`AccuracyReportTest`.\n\n")
          .append("Each row is predicted through the engine's speed function (`Estimator.speed`, see [speed-model.md](speed-model.md)) from\n")
          .append("the device's datasheet bandwidth, dense FP16 rate (Apple: FP32 ALU rate) and memory technology, and its device class's\n")
          .append("constants. There are no per-device constants. Weights are the engine's own byte count for Llama-2 7B/13B/70B at the\n")
          .append("row's format (llama.cpp's Q6_K output head for Q4_0), KV cache F16 at the mean position of the test (llama-bench\n")
          .append("`tgN`: N/2; `main` rows: 256 of n_ctx 512). Multi-GPU rows use the row-split model (each GPU streams 1/n of every\n")
          .append("layer, plus a synchronisation cost per layer per extra GPU): at a fixed GPU count their time beyond streaming 1/n of\n")
          .append("the weights is the same for F16 and Q4_0, which only a row split gives (`RowPrediction.ROWS_SPLIT_MODE`; what users get\n")
          .append("by default is llama.cpp's layer split, speed-model.md). Prompt rows of llama.cpp `main` time its first, cold prompt:\n")
          .append("they carry the class's first-pass cost; llama-bench rows are warm. Error = predicted / published - 1.\n\n")
          .append("Three predictions per row: **before** (the previous constants, commit 568a3a8: fitted on two devices per class, no\n")
          .append("memory-technology or weight-format terms), **fitted** (the engine's constants, fitted on every trust-A row) and\n")
          .append("**leave-one-device-out** (constants refitted without the row's device: the figure for a device the model never saw).\n\n");

        md.append("## Class constants and how they were fitted\n\n");
        md.append("| class | bandwidth efficiency | compute efficiency | quantized prompt share | dequantization pass (share of bandwidth) | first pass | overhead per layer | HBM overhead per layer | split per layer | sync per layer per extra GPU | source |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (DeviceClass c : DeviceClass.values()) {
            ClassConstants k = ClassConstants.of(c);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %s | %.0f ms | %.0f us | %.0f us | %.0f us | %.0f us | %s |%n", c,
                    k.bandwidthEfficiency(), k.computeEfficiency(), k.quantizedPrefillShare(),
                    k.prefillDequantEfficiency() > 0 ? String.format(Locale.ROOT, "%.2f", k.prefillDequantEfficiency()) : "none",
                    k.firstPassSeconds() * 1e3, k.layerOverheadSeconds() * 1e6, k.hbmLayerOverheadSeconds() * 1e6,
                    k.splitLayerSeconds() * 1e6, k.peerSyncSecondsPerLayer() * 1e6, k.source()));
        }
        md.append("\nThe fit (`ClassConstantFit`, re-run by `ClassConstantFitTest`, which checks the engine's constants equal its result)\n")
          .append("runs coordinate descent on fixed grids over the class's trust-A rows. Decode minimises the sum of squared relative\n")
          .append("errors capped at 25% (every row counts, one host's odd multi-GPU rows cannot pull further than the cap; leave-one-\n")
          .append("device-out it carried over better than the median: NVIDIA 75% of rows within 15% against 70%). Prompts minimise the\n")
          .append("median: compute efficiency of the dense FP16 rate (FP16 accumulate, what llama.cpp's cuBLAS path uses), the\n")
          .append("dequantization pass llama.cpp CUDA runs before quantized prompts (or, on Metal, a rate share), and the first-pass\n")
          .append("cost of cold `main` prompts. Fitted devices: ");
        for (DeviceClass c : FITTED_CLASSES) {
            md.append(c).append(" ").append(ClassConstantFit.fitDevices(c)).append(c == DeviceClass.NVIDIA ? "; " : ".\n\n");
        }

        md.append("## Decode (tg), trust-A rows: the acceptance figure\n\n");
        md.append("Median and 90th percentile of |error|, share within 15%, median signed error (bias). Rows with the KV cache in host RAM\n")
          .append("(`nkvo=1`) are excluded here (listed among the outliers).\n\n");
        md.append("| class | rows | before:" + FOUR + " fitted:" + FOUR + " left out:" + FOUR + " shipped today:" + FOUR
                + "\n|---|---|" + FOUR_SEP + FOUR_SEP + FOUR_SEP + FOUR_SEP + "\n");
        for (String cls : List.of("nvidia", "apple", "cpu")) {
            Predicate<Scored> f = s -> s.row().trust().equals("A") && s.row().generation() && s.row().deviceClass().equals(cls) && described(s);
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", cls, Stats.of(all, f, Scored::error).rows(),
                    Stats.of(all, f, Scored::beforeError).cells(), Stats.of(all, f, Scored::error).cells(),
                    Stats.of(all, f, Scored::leftOutError).cells(), Stats.of(all, f, Scored::shippedError).cells()));
        }
        md.append("\n**Shipped today** is what `fit`, `size`, `check` and the dashboard compute: the advisor's enrichment (`Machines.of`,\n")
          .append("`Planner`) builds the same datasheet ceilings with the catalog's memory technology (`ValidationPrediction` returns this\n")
          .append("number, so the surfaces agree); it equals the fitted column.\n");
        md.append("\nCPU rows (llama.cpp with `-ngl 0` on Apple SoCs) use the CPU class's default bandwidth share (not refitted: a CPU is\n")
          .append("calibrated by `headroom bench`); see the CPU section of speed-model.md for llama.cpp measured on this project's machine.\n\n");

        md.append("### Decode by device, leave-one-device-out\n\n| device | memory | GPUs | rows | before:" + FOUR + " left out:" + FOUR + "\n|---|---|---|---|" + FOUR_SEP + FOUR_SEP + "\n");
        DeviceSpecs specs = DeviceSpecs.bundled();
        Set<String> seen = new TreeSet<>();
        for (Scored s : all) {
            if (s.row().trust().equals("A") && s.inFit()) {
                seen.add(s.row().device() + "\u0000" + s.row().devices());
            }
        }
        for (String key : seen) {
            String device = key.substring(0, key.indexOf('\u0000'));
            int gpus = Integer.parseInt(key.substring(key.indexOf('\u0000') + 1));
            Predicate<Scored> f = s -> s.row().trust().equals("A") && s.row().generation() && s.row().device().equals(device)
                    && s.row().devices() == gpus && described(s);
            Stats loo = Stats.of(all, f, Scored::leftOutError);
            if (loo.rows() == 0) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s |%n", device, specs.match(device).memoryTechnology(), gpus,
                    loo.rows(), Stats.of(all, f, Scored::beforeError).cells(), loo.cells()));
        }

        md.append("\n## Prompt processing (pp)\n\n");
        md.append("Single-device rows (multi-GPU prompt rows are reported below, not fitted).\n\n");
        md.append("| class | trust | rows | before:" + FOUR + " fitted:" + FOUR + " left out:" + FOUR + "\n|---|---|---|" + FOUR_SEP + FOUR_SEP + FOUR_SEP + "\n");
        for (String trust : List.of("A", "B", "C")) {
            for (String cls : List.of("nvidia", "apple", "amd", "intel")) {
                Predicate<Scored> f = s -> s.row().trust().equals(trust) && !s.row().generation() && s.row().deviceClass().equals(cls)
                        && described(s);
                Stats fitted = Stats.of(all, f, Scored::error);
                if (fitted.rows() == 0) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", cls, trust, fitted.rows(),
                        Stats.of(all, f, Scored::beforeError).cells(), fitted.cells(), Stats.of(all, f, Scored::leftOutError).cells()));
            }
        }
        Predicate<Scored> multiPrompt = s -> s.row().trust().equals("A") && !s.row().generation() && s.row().devices() > 1;
        md.append(String.format(Locale.ROOT, "%nMulti-GPU prompt rows (trust A, %d predicted): median |error| %s. They come from llama.cpp `main`%n",
                        Stats.of(all, multiPrompt, Scored::error).rows(), pct(Stats.of(all, multiPrompt, Scored::error).median())))
          .append("of early 2024 splitting every matrix by rows across GPUs; they are 4-30x slower than one GPU (the partial results\n")
          .append("crossed PCIe per matrix, through the host: GeForce cards have no peer-to-peer), by factors that differ 7x between\n")
          .append("the hosts of the same GPU count, which no model of the GPUs alone predicts; they are reported, not fitted. Users\n")
          .append("get llama.cpp's default layer split, whose prompts pipeline micro-batches across the GPUs (speed-model.md).\n\n");

        md.append("## Decode (tg), trust B and C rows\n\n| class | trust | rows | before:" + FOUR + " fitted:" + FOUR + "\n|---|---|---|" + FOUR_SEP + FOUR_SEP + "\n");
        for (String trust : List.of("B", "C")) {
            for (String cls : List.of("nvidia", "apple", "amd", "intel", "cpu")) {
                Predicate<Scored> f = s -> s.row().trust().equals(trust) && s.row().generation() && s.row().deviceClass().equals(cls);
                Stats fitted = Stats.of(all, f, Scored::error);
                if (fitted.rows() > 0) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |%n", cls, trust, fitted.rows(),
                            Stats.of(all, f, Scored::beforeError).cells(), fitted.cells()));
                }
            }
        }

        md.append("\n").append(CpuMeasured.markdown());

        md.append("## Trust-A outliers (|error| > 30%) and rows without catalog figures\n\n| row | device | GPUs | quant | test | published | predicted | error | reason |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Scored s : all) {
            if (!s.row().trust().equals("A") || (s.predictedAtAll() && Math.abs(s.error()) <= OUTLIER)) {
                continue;
            }
            md.append(row(s, OutlierReasons.reason(s)));
        }

        md.append("\n## Every trust-A row\n\n| row | device | GPUs | quant | test | published | predicted | error | left out | before |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Scored s : all) {
            if (s.row().trust().equals("A")) {
                md.append(row(s, s.predictedAtAll() ? String.format(Locale.ROOT, "%+.0f%% | %+.0f%%", 100 * s.leftOutError(), 100 * s.beforeError()) : "- | -"));
            }
        }
        return md.toString();
    }

    private static String row(Scored s, String last) {
        LlamaBenchRow r = s.row();
        return String.format(Locale.ROOT, "| %d | %s | %d | %s | %s | %.2f | %s | %s | %s |%n", r.rowId(), r.device(), r.devices(), r.quant(), r.test(),
                r.tokensPerSecond(), s.predictedAtAll() ? String.format(Locale.ROOT, "%.2f", s.predicted()) : "-",
                s.predictedAtAll() ? String.format(Locale.ROOT, "%+.0f%%", 100 * s.error()) : "-", last);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
