package dev.headroom.advisor.validate.domain;

import dev.headroom.advisor.validate.AccuracySection;
import dev.headroom.advisor.validate.ValidationCsv;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.AcceleratorSpec;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.CatalogWorkload;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.speed.ClassConstants;
import dev.headroom.sizing.speed.DefaultCeilings;
import dev.headroom.sizing.speed.DeviceClass;
import dev.headroom.sizing.speed.SpeedCeilings;
import dev.headroom.sizing.workload.DomainEstimator;
import dev.headroom.sizing.workload.Throughput;
import dev.headroom.sizing.workload.WorkloadEstimate;
import dev.headroom.sizing.workload.WorkloadModel;
import dev.headroom.sizing.workload.WorkloadRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of the non-LLM workload models ({@link DomainEstimator}) against published measurements
 * (MLPerf Inference, faster-whisper, whisper.cpp, diffusers, sentence-transformers) and this machine's ONNX
 * Runtime runs, per domain: predicted vs published per row, median |error| per domain, the worst rows with
 * reasons. Predictions use exactly the ceilings the advisor builds (GPU datasheet x class constants, CPU defaults
 * or the measured calibration); nothing is fitted to these rows.
 */
public final class DomainAccuracySection implements AccuracySection {
    /**
     * This machine's calibration when the ONNX Runtime runs were measured (docs/domains.md, `headroom bench --quick`
     * in the same session): Java read bandwidth 33.5 GB/s, Java FP32 GEMM 41.4 GFLOP/s.
     */
    static final double LOCAL_READ_BYTES_PER_SECOND = 33.5e9;
    static final double LOCAL_GEMM_FLOPS_PER_SECOND = 41.4e9;
    static final List<String> DOMAINS = List.of("vision", "speech", "embeddings", "diffusion", "local");
    private static final int WORST = 8;

    private final List<DomainPrediction> rows;

    public DomainAccuracySection() {
        this(ValidationCsv.bundled("domain_benchmarks.csv").stream().map(DomainBenchmark::of).toList(),
                ModelCatalog.bundled(), AcceleratorCatalog.bundled());
    }

    DomainAccuracySection(List<DomainBenchmark> benchmarks, ModelCatalog models, AcceleratorCatalog accelerators) {
        List<DomainPrediction> out = new ArrayList<>();
        for (DomainBenchmark b : benchmarks) {
            out.add(predict(b, models, accelerators));
        }
        this.rows = List.copyOf(out);
    }

    /** Every row with its prediction (or the reason there is none). */
    public List<DomainPrediction> rows() {
        return rows;
    }

    /** Median |error| in percent of the predicted rows of one domain; NaN when it has none. */
    public double medianAbsError(String domain) {
        return median(rows.stream().filter(p -> p.row().domain().equals(domain) && p.predicted())
                .map(DomainPrediction::absErrorPercent).toList());
    }

    @Override
    public String title() {
        return "Non-LLM throughput (vision, speech, embeddings, diffusion)";
    }

    @Override
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("Predicted by `DomainEstimator.estimate(CatalogWorkload.of(model), request, ceilings)` with the ceilings"
                + " the advisor builds: on a GPU `SpeedCeilings.forDatasheet` from the bundled accelerator catalog (FP16"
                + " weights and activations, SDPA attention); on a published CPU `DefaultCeilings.forCpu` (FP32, the"
                + " stated thread count, uncalibrated); on this machine the measured calibration (read "
                + number(LOCAL_READ_BYTES_PER_SECOND / 1e9, 1) + " GB/s, FP32 GEMM " + number(LOCAL_GEMM_FLOPS_PER_SECOND / 1e9, 1)
                + " GFLOP/s). Published rows are `advisor/src/main/resources/validation/domain_benchmarks.csv` (sources"
                + " and conditions per row; provenance in that folder's README). **No constant is fitted to these rows**:"
                + " the class constants come from the llama.cpp fit and the workload constants from `docs/domains.md`, so"
                + " every error here is out-of-sample. Error = (predicted - published) / published, on throughput (positive"
                + " = the model is optimistic).\n\n");
        sb.append("`represented`: **yes** = the precision and runtime the model describes; **partly** = same precision,"
                + " but a choice the model leaves out (beam search 5 where the model decodes one greedy sequence, an"
                + " unstated input length); **no** = a precision or compiler the model does not represent (TensorRT"
                + " INT8/FP8 engines, CTranslate2 INT8 GEMM): those rows show how far a tuned stack runs from the"
                + " FP16/FP32 prediction, not a model error to fix.\n\n");
        sb.append("| domain | rows | predicted | median \\|error\\| | median error | median \\|error\\| (represented: yes) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (String d : DOMAINS) {
            List<DomainPrediction> in = rows.stream().filter(p -> p.row().domain().equals(d)).toList();
            List<DomainPrediction> predicted = in.stream().filter(DomainPrediction::predicted).toList();
            List<Double> yes = predicted.stream().filter(p -> p.row().represented().equals("yes"))
                    .map(DomainPrediction::absErrorPercent).toList();
            sb.append("| ").append(d).append(" | ").append(in.size()).append(" | ").append(predicted.size()).append(" | ")
                    .append(percent(medianAbsError(d))).append(" | ")
                    .append(signed(median(predicted.stream().map(DomainPrediction::errorPercent).toList()))).append(" | ")
                    .append(yes.isEmpty() ? "-" : percent(median(yes))).append(" |\n");
        }
        sb.append('\n');
        for (String d : DOMAINS) {
            sb.append("### ").append(d).append("\n\n");
            sb.append("| row | model | device | framework, precision | input | predicted | published | unit | error | bound | represented | source |\n");
            sb.append("|---|---|---|---|---|---:|---:|---|---:|---|---|---|\n");
            for (DomainPrediction p : rows) {
                DomainBenchmark r = p.row();
                if (!r.domain().equals(d)) {
                    continue;
                }
                sb.append("| ").append(r.id()).append(" | ").append(esc(r.model())).append(" | ").append(esc(r.device()))
                        .append(" | ").append(esc(r.framework())).append(", ").append(r.precision()).append(" | ")
                        .append(r.input()).append(" | ")
                        .append(p.predicted() ? figure(p.predictedValue()) + (p.recorded() ? " (recorded)" : "") : "-")
                        .append(" | ").append(figure(r.value())).append(" | ").append(r.unit()).append(" | ")
                        .append(p.predicted() ? signed(p.errorPercent()) : "-").append(" | ").append(p.bound())
                        .append(" | ").append(r.represented()).append(" | ").append(esc(r.source())).append(" |\n");
            }
            sb.append('\n');
            List<Double> sequential = rows.stream().filter(p -> p.row().domain().equals(d) && !Double.isNaN(p.sequentialValue()))
                    .map(p -> Math.abs(p.sequentialErrorPercent())).toList();
            if (!sequential.isEmpty()) {
                sb.append("The estimate decodes the 30 s windows of one long file side by side, as one batch; batch-1 runtimes decode"
                        + " them one after another. With the windows decoded in sequence the same model's median |error| over those "
                        + sequential.size() + " rows would be " + percent(median(sequential)) + " (a finding for the engine, not applied"
                        + " above).\n\n");
            }
        }
        List<DomainPrediction> unpredicted = rows.stream().filter(p -> !p.predicted()).toList();
        if (!unpredicted.isEmpty()) {
            sb.append("### Rows without a prediction\n\n");
            for (DomainPrediction p : unpredicted) {
                sb.append("- ").append(p.row().id()).append(": ").append(esc(p.reason())).append('\n');
            }
            sb.append('\n');
        }
        sb.append("### Worst rows and why\n\n");
        rows.stream().filter(DomainPrediction::predicted)
                .sorted(Comparator.comparingDouble(DomainPrediction::absErrorPercent).reversed().thenComparing(p -> p.row().id()))
                .limit(WORST)
                .forEach(p -> sb.append("- **").append(p.row().id()).append("** ").append(signed(p.errorPercent())).append(": ")
                        .append(esc(reason(p))).append('\n'));
        sb.append('\n');
        sb.append("### Published conditions the model does not represent\n\n");
        Map<String, List<String>> byCondition = new LinkedHashMap<>();
        for (DomainPrediction p : rows) {
            if (!p.row().represented().equals("yes")) {
                byCondition.computeIfAbsent(p.row().framework() + ", " + p.row().precision() + " (" + p.row().represented() + ")",
                        k -> new ArrayList<>()).add(p.row().id());
            }
        }
        byCondition.forEach((k, ids) -> sb.append("- ").append(esc(k)).append(": ").append(String.join(", ", ids)).append('\n'));
        sb.append('\n');
        sb.append("The `local` rows are this machine (2 vCPUs of an AMD EPYC with AVX-512, shared, JDK 17) running ONNX"
                + " Runtime 1.22.0 through `java -jar cli/target/headroom.jar bench --model FILE.onnx --batch 1,32` after"
                + " `bench --quick` (docs/domains.md). The hand-built CNN's predictions are the figures `bench --model`"
                + " printed from that graph's own FLOPs (its file is built in a test, not bundled), marked (recorded).\n");
        return sb.toString();
    }

    /** Why a row is off, from its published conditions and the estimate's roofline term. */
    static String reason(DomainPrediction p) {
        DomainBenchmark r = p.row();
        List<String> parts = new ArrayList<>();
        boolean optimistic = p.errorPercent() > 0;
        if (r.represented().equals("no")) {
            parts.add(r.precision() + " with " + r.framework() + ": a precision/compiler the model does not represent (it predicts "
                    + (r.cpuThreads() > 0 ? "FP32" : "FP16") + ")");
        }
        if (r.framework().contains("TensorRT")) {
            parts.add("MLPerf harnesses run fused TensorRT kernels at batch sizes far beyond PyTorch eager");
        }
        if (r.framework().contains("PyTorch") && !r.framework().startsWith("openai/whisper") && optimistic
                && r.catalogDevice() != null && !r.catalogDevice().isBlank()) {
            parts.add("PyTorch eager issues every kernel from Python; at small batches that host-side dispatch, not the GPU, sets"
                    + " the rate, while the model charges each kernel 1/" + (int) DomainEstimator.KERNELS_PER_LAYER
                    + " of the llama.cpp per-layer overhead" + (r.batch() >= 64 ? "; at this batch cuDNN convolutions and U-Net"
                    + " kernels also run below the GEMM share of peak the class constants assume" : ""));
        }
        if (r.framework().startsWith("openai/whisper")) {
            parts.add("openai/whisper decodes in PyTorch eager, one Python-driven step per token");
        }
        if (r.notes() != null && r.notes().contains("beam 5")) {
            parts.add("beam search 5 (the model decodes one greedy sequence at ~3.3 tokens per second of speech)");
        }
        if (p.recorded()) {
            parts.add("the prediction from the graph's FLOPs counts the CNN's cache-resident 64x64 convolutions at the Java GEMM rate;"
                    + " ONNX Runtime's MLAS kernels run them several times faster");
        }
        if (r.cpuThreads() > 0 && !r.cpuVector().equals("measured")) {
            parts.add("uncalibrated CPU defaults (2.5 GHz x FMA lanes x 0.5, 8 GB/s per core)");
        }
        if (!Double.isNaN(p.sequentialValue())) {
            parts.add(String.format(Locale.ROOT, "the estimate decodes the file's %d windows side by side as one batch; decoded one"
                    + " after another, as batch-1 runtimes do, the same model predicts %s audio-s/s (%s)",
                    (int) Math.ceil(r.audioSeconds() / DomainEstimator.WHISPER_WINDOW_SECONDS), figure(p.sequentialValue()),
                    signed(p.sequentialErrorPercent())));
        }
        parts.add("predicted " + p.bound() + "-bound, " + (optimistic ? "faster" : "slower") + " than published");
        if (r.notes() != null && !r.notes().isBlank()) {
            parts.add("source: " + r.notes());
        }
        return String.join("; ", parts);
    }

    private static DomainPrediction predict(DomainBenchmark b, ModelCatalog models, AcceleratorCatalog accelerators) {
        if (!Double.isNaN(b.predictedRecorded())) {
            return new DomainPrediction(b, b.predictedRecorded(), true, "compute", "", Double.NaN);
        }
        if (!models.contains(b.model())) {
            return DomainPrediction.none(b, "model '" + b.model() + "' is not in the catalog");
        }
        CatalogModel m = models.get(b.model());
        CatalogWorkload w = CatalogWorkload.of(m).orElse(null);
        if (w == null) {
            return DomainPrediction.none(b, "the catalog has no workload model for " + m.id());
        }
        SpeedCeilings ceilings;
        WorkloadRequest request;
        if (b.catalogDevice() != null && !b.catalogDevice().isBlank()) {
            AcceleratorSpec spec = accelerators.match(b.catalogDevice());
            if (spec == null || !spec.name().equals(b.catalogDevice()) || !(spec.fp16FlopsPerSecond() > 0)) {
                return DomainPrediction.none(b, "accelerator '" + b.catalogDevice() + "' has no FP16 rate in the catalog");
            }
            ceilings = SpeedCeilings.forDatasheet(DeviceClass.ofVendor(spec.vendor()), spec.name(),
                    spec.bandwidthBytesPerSecond(), spec.fp16FlopsPerSecond());
            request = WorkloadRequest.gpu(b.batch());
        } else if ("measured".equals(b.cpuVector())) {
            ceilings = new SpeedCeilings(LOCAL_READ_BYTES_PER_SECOND, LOCAL_GEMM_FLOPS_PER_SECOND, Map.of(),
                    ClassConstants.CPU.layerOverheadSeconds(), 0, ClassConstants.CPU.overlap(), Origin.MEASURED,
                    "this machine's bench --quick calibration (docs/domains.md)");
            request = WorkloadRequest.cpu(b.batch());
        } else if (b.cpuThreads() > 0) {
            CpuInfo cpu = new CpuInfo("published", b.device(), b.cpuThreads(), b.cpuThreads(), b.cpuThreads(),
                    List.of(b.cpuVector(), "fma"));
            ceilings = DefaultCeilings.forCpu(cpu, 0);
            request = WorkloadRequest.cpu(b.batch());
        } else {
            return DomainPrediction.none(b, "'" + b.device() + "' is not in the accelerator catalog (no datasheet ceilings)");
        }
        if (b.resolution() > 0) {
            request = request.withResolution(b.resolution());
        }
        if (b.tokens() > 0) {
            request = request.withTokens(b.tokens());
        }
        if (b.audioSeconds() > 0) {
            request = request.withAudioSeconds(b.audioSeconds());
        }
        if (b.outputTokens() >= 0) {
            request = request.withOutputTokens(b.outputTokens());
        }
        if (b.steps() > 0) {
            request = request.withSteps(b.steps());
        }
        WorkloadEstimate e = DomainEstimator.estimate(w.model(), request, ceilings);
        double sequential = Double.NaN;
        if (w.model() instanceof WorkloadModel.EncoderDecoder ed && ed.audio() && b.metric().equals("audio_s_per_s")
                && b.audioSeconds() > DomainEstimator.WHISPER_WINDOW_SECONDS) {
            // The estimate decodes the windows of one long file side by side (as a batch); openai/whisper and
            // unbatched faster-whisper / whisper.cpp decode them one after another, each conditioned on the last.
            int windows = (int) Math.ceil(b.audioSeconds() / DomainEstimator.WHISPER_WINDOW_SECONDS);
            WorkloadEstimate one = DomainEstimator.estimate(w.model(),
                    request.withAudioSeconds(DomainEstimator.WHISPER_WINDOW_SECONDS), ceilings);
            sequential = b.audioSeconds() / (windows * one.secondsPerBatch());
        }
        return new DomainPrediction(b, value(b, e), false, e.bound().label(), "", sequential);
    }

    /** The estimate in the row's metric. */
    static double value(DomainBenchmark b, WorkloadEstimate e) {
        Throughput t = e.throughput();
        return switch (b.metric()) {
            case "images_per_s", "inputs_per_s", "generated_images_per_s" -> t.itemsPerSecond();
            case "audio_s_per_s" -> 1 / ((Throughput.Speech) t).realTimeFactor();
            case "windows_per_s" -> e.batch() / e.secondsPerBatch();
            case "it_per_s" -> ((Throughput.GeneratedImages) t).iterationsPerSecond();
            default -> throw new IllegalStateException("row '" + b.id() + "': unknown metric " + b.metric());
        };
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", v);
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.1f%%", v + 0.0);
    }

    private static String number(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Three significant figures, thousands separated. */
    static String figure(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
