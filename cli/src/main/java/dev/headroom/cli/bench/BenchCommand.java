package dev.headroom.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.bench.calibration.CalibrationRunner;
import dev.headroom.bench.decoder.DecoderCheck;
import dev.headroom.bench.kernels.WeightFormat;
import dev.headroom.cli.ExitCodes;
import dev.headroom.cli.Json;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.config.CalibrationStore;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.hardware.HardwareProfile;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code headroom bench [--quick] [--json]}: measures this machine (memory bandwidth against a native
 * STREAM, matrix-vector rates per weight format, GEMM), checks the engine's prediction against a
 * synthetic decoder, and saves the calibration so later estimates on this machine use it.
 * {@code headroom bench --model FILE.onnx [--batch 1,32] [--input SHAPE] [--as ID]} instead runs a real
 * ONNX model with ONNX Runtime and prints measured latency and throughput beside the engine's prediction.
 * {@code headroom bench --llama-bench [PATH]} runs the user's llama.cpp build on synthetic GGUF files ({@link LlamaBenchRun});
 * {@code headroom bench --ollama [URL]} measures the user's installed Ollama models through its HTTP API ({@link OllamaBenchRun}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure this machine and calibrate speed estimates (quick mode: under a minute).",
                "With --model FILE.onnx: run the model with ONNX Runtime and compare with the prediction."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Shorter measurements (under 60 s on 2 cores).")
    boolean quick;

    @Option(names = "--json", description = "Print the measurements as JSON.")
    boolean json;

    @Option(names = "--threads", description = "Threads for the all-thread figures (default: the CPUs this process may use).")
    Integer threads;

    @Option(names = "--no-save", description = "Measure and print, but keep the stored calibration.")
    boolean noSave;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Option(names = "--model", paramLabel = "FILE.onnx", description = "Run this ONNX model with ONNX Runtime instead of calibrating.")
    java.nio.file.Path model;

    @Option(names = "--batch", split = ",", paramLabel = "N", description = "Batch sizes for --model (default: 1,32).")
    java.util.List<Integer> batches;

    @Option(names = "--input", paramLabel = "[NAME=]SHAPE", description = "Input shape for --model, e.g. 1x3x224x224 or input_ids=1x128 (repeatable; the batch dim is replaced by --batch).")
    java.util.List<String> inputs;

    @Option(names = "--as", paramLabel = "MODEL", description = "Catalog model whose workload predicts --model (default: matched by file or folder name).")
    String as;

    @Option(names = "--llama-bench", arity = "0..1", fallbackValue = "", paramLabel = "PATH",
            description = {"Run llama.cpp's llama-bench (this PATH, else the one on PATH) on synthetic F16/Q8_0/Q4_0/Q4_K/Q6_K files,",
                    "print measured vs predicted, and store its decode rates in the calibration.",
                    "Exit 2: no such binary; 3: llama-bench failed, timed out or printed no JSON."})
    String llamaBench;

    @Option(names = "--llama-shape", paramLabel = "MEDIUM|SMALL|TINY", description = "Synthetic model for --llama-bench (default: MEDIUM, a 376M llama of"
            + " Llama-3.2-1B's width that streams from DRAM; SMALL a 107M one; TINY checks loading in seconds).")
    LlamaBenchRun.Shape llamaShape;

    @Option(names = "--llama-timeout", paramLabel = "SECONDS", description = "Kill llama-bench after this many seconds (default: 600).")
    Integer llamaTimeout;

    @Option(names = "--ollama", arity = "0..1", fallbackValue = "", paramLabel = "URL",
            description = {"Measure the installed Ollama models through its API at URL (default: $OLLAMA_HOST, else http://localhost:11434),",
                    "print measured vs predicted tokens/s, and store CPU-only decode rates in the calibration.",
                    "Exit 2: bad URL, nothing answers, no such model; 3: a run failed, timed out or answered no Ollama JSON."})
    String ollama;

    @Option(names = "--ollama-model", paramLabel = "NAME", description = "Only this installed model (default: every model /api/tags lists).")
    String ollamaModel;

    @Option(names = "--ollama-tokens", paramLabel = "N", description = "Tokens to generate per model (num_predict; default: 64).")
    Integer ollamaTokens;

    @Option(names = "--ollama-timeout", paramLabel = "SECONDS", description = "Deadline of each request, model load included (default: 300).")
    Integer ollamaTimeout;

    @Option(names = "--home", paramLabel = "DIR", hidden = true, description = "Treat DIR as the home directory for the model caches (tests, containers).")
    java.nio.file.Path home;

    @Override
    public Integer call() {
        if (ollama != null) {
            if (llamaBench != null || model != null) {
                throw new IllegalArgumentException("--ollama: measure one engine per run (not with --llama-bench or --model)");
            }
            int n = ollamaTokens == null ? 64 : ollamaTokens;
            int timeout = ollamaTimeout == null ? 300 : ollamaTimeout;
            if (n < 1 || n > 4096 || timeout < 1 || timeout > 86_400) {
                throw new IllegalArgumentException("--ollama-tokens / --ollama-timeout: must be within 1..4096 / 1..86400, were " + n + ", " + timeout);
            }
            String url = !ollama.isBlank() ? ollama : ollamaHost(System.getenv("OLLAMA_HOST"));
            dev.headroom.advisor.models.ModelResolver resolver = home != null
                    ? dev.headroom.advisor.models.ModelResolver.of(new dev.headroom.catalog.scan.ScanEnvironment(home, System.getenv()))
                    : dev.headroom.advisor.models.ModelResolver.installed();
            return OllamaBenchRun.run(spec.commandLine().getOut(), spec.commandLine().getErr(), url, ollamaModel, n,
                    java.time.Duration.ofSeconds(timeout), noSave, resolver);
        }
        if (ollamaModel != null || ollamaTokens != null || ollamaTimeout != null) {
            throw new IllegalArgumentException("--ollama-model, --ollama-tokens and --ollama-timeout apply to --ollama");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Machines machines = Machines.standard();
        HardwareProfile hw = machines.probeFacts();
        if (model != null) {
            return ModelBench.run(out, err, model, batches == null ? java.util.List.of(1, 32) : batches,
                    inputs == null ? java.util.List.of() : inputs, as, quick, json, threads, hw,
                    machines.storedCalibrationFor(hw));
        }
        if (llamaBench != null) {
            int t = threads != null ? threads : Math.max(1, (int) Math.floor(hw.cpu().effectiveCores()));
            int timeout = llamaTimeout == null ? 600 : llamaTimeout;
            if (t < 1 || t > 1024 || timeout < 1 || timeout > 86_400) {
                throw new IllegalArgumentException("--threads / --llama-timeout: must be within 1..1024 / 1..86400, were " + t + ", " + timeout);
            }
            return LlamaBenchRun.run(out, err, llamaBench, llamaShape == null ? LlamaBenchRun.Shape.MEDIUM : llamaShape, t,
                    java.time.Duration.ofSeconds(timeout), noSave);
        }
        if (llamaShape != null || llamaTimeout != null) {
            throw new IllegalArgumentException("--llama-shape and --llama-timeout apply to --llama-bench");
        }
        if (batches != null || inputs != null || as != null) {
            throw new IllegalArgumentException("--batch, --input and --as apply to --model FILE.onnx");
        }
        int n = threads != null ? threads : Math.max(1, (int) Math.floor(hw.cpu().effectiveCores()));
        if (n < 1 || n > 1024) {
            throw new IllegalArgumentException("--threads: must be within 1..1024, was " + n);
        }
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            err.println("note: jdk.incubator.vector is not loaded (run through ./headroom, or add --add-modules jdk.incubator.vector); measuring scalar kernels");
        }
        ProgressBar bar = new ProgressBar(err);
        CalibrationRunner.Report report = CalibrationRunner.run(quick ? CalibrationRunner.Settings.quick() : CalibrationRunner.Settings.full(),
                n, hw.cpu().model(), LocalDate.now(ZoneOffset.UTC).toString(), bar::update);
        bar.finish();
        CalibrationStore store = CalibrationStore.forUser();
        if (!noSave) {
            store.save(report.calibration());
        }
        if (json) {
            out.println(Json.write(json(report, noSave ? null : store.file().toString())));
        } else {
            BenchReportPrinter.print(out, report, quick);
            out.println(noSave ? "Not saved (--no-save)." : "Saved to " + store.file() + "; estimates on this machine now use it.");
        }
        return ExitCodes.OK;
    }

    /**
     * The server Ollama's own client talks to: {@code OLLAMA_HOST} as {@code HOST[:PORT]} or a URL (envconfig.Host in
     * github.com/ollama/ollama: scheme http unless given, port 11434 unless given for http), else
     * {@code http://localhost:11434}.
     */
    static String ollamaHost(String env) {
        if (env == null || env.isBlank()) {
            return "http://localhost:11434";
        }
        String h = env.strip();
        java.net.URI u = OllamaApi.parseUrl(h.contains("://") ? h : "http://" + h);
        if (u.getPort() < 0 && u.getScheme().equals("http")) {
            try {
                u = new java.net.URI(u.getScheme(), null, u.getHost(), 11434, u.getPath(), null, null);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("OLLAMA_HOST: '" + h + "' is not a host or URL");
            }
        }
        return u.toString();
    }

    static ObjectNode json(CalibrationRunner.Report r, String savedTo) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("calibration", Json.MAPPER.valueToTree(r.calibration()));
        root.set("bandwidthOneThread", Json.MAPPER.valueToTree(r.oneThread()));
        root.set("bandwidthAllThreads", Json.MAPPER.valueToTree(r.allThreads()));
        root.set("nativeStream", Json.MAPPER.valueToTree(r.nativeStream()));
        double ratio = r.calibration().javaToNativeReadRatio();
        if (!Double.isNaN(ratio)) {
            root.put("javaToNativeReadRatio", ratio);
        }
        ObjectNode mv = root.putObject("matVecFlopsPerSecond");
        for (WeightFormat f : WeightFormat.values()) {
            if (r.matVecFlopsPerSecond().containsKey(f)) {
                mv.put(f.name(), r.matVecFlopsPerSecond().get(f));
            }
        }
        if (!r.integerMatVecFlopsPerSecond().isEmpty()) {
            ObjectNode imv = root.putObject("integerMatVecFlopsPerSecond");
            for (WeightFormat f : WeightFormat.values()) {
                if (r.integerMatVecFlopsPerSecond().containsKey(f)) {
                    imv.put(f.name(), r.integerMatVecFlopsPerSecond().get(f));
                }
            }
        }
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        ArrayNode dec = root.putArray("decoder");
        for (DecoderCheck.Result d : r.decoder()) {
            ObjectNode o = dec.addObject();
            o.put("precision", d.precision().name());
            o.put("weightBytes", d.weightBytes());
            o.put("measuredTokensPerSecond", d.measuredTokensPerSecond());
            o.put("predictedTokensPerSecond", d.predictedTokensPerSecond());
            o.put("error", d.error());
            o.put("bound", d.bound());
        }
        root.put("seconds", r.seconds());
        if (savedTo != null) {
            root.put("savedTo", savedTo);
        }
        return root;
    }

    static String gbps(double bytesPerSecond) {
        return String.format(Locale.ROOT, "%.1f GB/s", bytesPerSecond / 1e9);
    }
}
