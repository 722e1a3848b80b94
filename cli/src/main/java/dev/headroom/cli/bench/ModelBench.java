package dev.headroom.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.bench.onnx.ModelRun;
import dev.headroom.bench.onnx.OnnxModelBenchmark;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.CatalogWorkload;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.catalog.files.OnnxFlops;
import dev.headroom.catalog.files.OnnxModel;
import dev.headroom.catalog.files.OnnxReader;
import dev.headroom.cli.Json;
import dev.headroom.cli.Table;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.speed.SpeedCeilings;
import dev.headroom.sizing.units.ByteUnits;
import dev.headroom.sizing.workload.ThroughputUnit;
import dev.headroom.sizing.workload.WorkloadEstimate;
import dev.headroom.sizing.workload.WorkloadModel;
import dev.headroom.sizing.workload.WorkloadRequest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code headroom bench --model FILE.onnx [--batch 1,32] [--input SHAPE]}: runs a real ONNX model with ONNX
 * Runtime on this machine's CPU and prints measured latency (p50/p95), throughput and peak memory beside
 * the engine's prediction for the same file: the catalog's workload model when the file names a catalog
 * entry (or {@code --as ID} does), else the graph's own FLOPs counted by {@link OnnxFlops}. The ratio of
 * measured to predicted throughput at the largest batch is the non-LLM compute efficiency of this machine.
 */
final class ModelBench {
    private ModelBench() {
    }

    /** The workload the prediction uses, and where it came from. */
    record Prediction(WorkloadModel model, String source) {
    }

    static int run(PrintWriter out, PrintWriter err, Path file, List<Integer> batches, List<String> inputs, String as,
                   boolean quick, boolean json, Integer threads, HardwareProfile hw, Calibration calibration) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--model: " + file + ": no such file");
        }
        OnnxModel onnx = OnnxReader.read(file);
        Map<String, long[]> shapes = shapes(inputs, onnx);
        int n = threads != null ? threads : Math.max(1, (int) Math.floor(hw.cpu().effectiveCores()));
        // the CPU's ceilings exactly as every surface enriches this machine (calibration if measured on this CPU, else defaults)
        SpeedCeilings ceilings = dev.headroom.advisor.Machines.standard().of(hw, calibration, "probed").cpu();
        Prediction prediction = prediction(file, onnx, shapes, as);
        err.println("running " + file.getFileName() + " with ONNX Runtime (" + n + " threads), batches " + batches + " ...");
        List<ModelRun> runs;
        try {
            runs = OnnxModelBenchmark.run(file, batches, shapes, quick ? OnnxModelBenchmark.Settings.quick(n) : OnnxModelBenchmark.Settings.standard(n));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<Row> rows = new ArrayList<>();
        for (ModelRun r : runs) {
            WorkloadEstimate e = prediction == null ? null : dev.headroom.advisor.Sizing.workload(prediction.model(), request(r, prediction.model()), ceilings);
            rows.add(new Row(r, e));
        }
        if (json) {
            out.println(Json.write(json(file, onnx, prediction, ceilings, rows)));
        } else {
            print(out, file, onnx, prediction, ceilings, rows, n);
        }
        return 0;
    }

    record Row(ModelRun run, WorkloadEstimate predicted) {
        double measured() {
            return predicted == null ? run.itemsPerSecond() : itemsPerSecond(run, predicted);
        }

        /** (predicted - measured) / measured. */
        double error() {
            return predicted == null ? Double.NaN : (predicted.throughput().itemsPerSecond() - measured()) / measured();
        }
    }

    /** Measured items/s in the prediction's unit (rows/s for in-context tables count rows). */
    static double itemsPerSecond(ModelRun r, WorkloadEstimate e) {
        if (e.throughput().unit() == ThroughputUnit.ROWS && e.throughput() instanceof dev.headroom.sizing.workload.Throughput.Sequences s) {
            return r.itemsPerSecond() * s.tokensPerInput();
        }
        return r.itemsPerSecond();
    }

    static Map<String, long[]> shapes(List<String> inputs, OnnxModel onnx) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String s : inputs) {
            int eq = s.indexOf('=');
            String name = eq < 0 ? "" : s.substring(0, eq).trim();
            if (!name.isEmpty() && !onnx.inputs().containsKey(name)) {
                throw new IllegalArgumentException("--input: the model has no input '" + name + "' (it has " + onnx.inputs().keySet() + ")");
            }
            out.put(name, OnnxFlops.parseShape(eq < 0 ? s : s.substring(eq + 1)));
        }
        return out;
    }

    /** The catalog entry the file names ({@code --as}, the file's stem or its folder), else the graph's own FLOPs. */
    static Prediction prediction(Path file, OnnxModel onnx, Map<String, long[]> shapes, String as) {
        ModelCatalog catalog = ModelCatalog.bundled();
        List<String> names = new ArrayList<>();
        if (as != null) {
            names.add(as);
        }
        String stem = file.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
        names.add(stem);
        if (file.toAbsolutePath().getParent() != null && file.toAbsolutePath().getParent().getFileName() != null) {
            names.add(file.toAbsolutePath().getParent().getFileName().toString());
        }
        for (String name : names) {
            if (catalog.contains(name)) {
                CatalogModel m = catalog.get(name);
                var w = CatalogWorkload.of(m);
                if (w.isPresent()) {
                    return new Prediction(w.get().model(), "catalog '" + m.id() + "': " + w.get().note());
                }
            } else if (name.equals(as)) {
                catalog.get(as); // throws naming the nearest id
            }
        }
        Map<String, long[]> one = new LinkedHashMap<>();
        long[] template = shapes.isEmpty() ? null : shapes.values().iterator().next();
        boolean image = false;
        for (Map.Entry<String, List<Long>> e : onnx.inputs().entrySet()) {
            long[] given = shapes.containsKey(e.getKey()) ? shapes.get(e.getKey())
                    : one.isEmpty() && shapes.containsKey("") ? shapes.get("") : null;
            long[] s = given != null ? given.clone() : e.getValue().stream().mapToLong(Long::longValue).toArray();
            if (s.length > 0) {
                s[0] = 1;
            }
            for (int i = 1; i < s.length; i++) {
                if (s[i] < 0) {
                    s[i] = template != null && template.length == s.length ? template[i] : OnnxModelBenchmark.DEFAULT_SEQUENCE;
                }
            }
            image |= one.isEmpty() && s.length == 4;
            one.put(e.getKey(), s);
        }
        OnnxFlops.Result f = OnnxFlops.count(onnx, one);
        if (!f.complete() || f.flops() <= 0) {
            return null;
        }
        return new Prediction(new WorkloadModel.Dense(stem, Math.max(1, onnx.parameters()), f.flops(), f.largestActivationBytes() * 2,
                Math.max(1, onnx.nodes().size()), image ? ThroughputUnit.IMAGES : ThroughputUnit.SEQUENCES),
                String.format(Locale.ROOT, "the graph's own FLOPs: %.4g per input over %d nodes", f.flops(), f.totalNodes()));
    }

    /** The engine's request for what the run fed: FP32 on the CPU, the batch, and the token count or image side. */
    static WorkloadRequest request(ModelRun r, WorkloadModel model) {
        WorkloadRequest q = WorkloadRequest.cpu(r.batch()).withRuntimeOverhead(0);
        List<Long> first = r.inputShapes().values().iterator().next();
        if (model instanceof WorkloadModel.TransformerEncoder || model instanceof WorkloadModel.EncoderDecoder) {
            if (first.size() >= 2) {
                q = q.withTokens(Math.toIntExact(first.get(1)));
            }
        } else if (first.size() == 4 && first.get(2).equals(first.get(3))) {
            q = q.withResolution(Math.toIntExact(first.get(2)));
        }
        return q;
    }

    private static void print(PrintWriter out, Path file, OnnxModel onnx, Prediction p, SpeedCeilings c, List<Row> rows, int threads) {
        out.printf(Locale.ROOT, "Model       %s (ONNX IR v%d, %s, %,d parameters, %s of weights)%n", file.getFileName(), onnx.irVersion(),
                onnx.producer().isEmpty() ? "unknown producer" : onnx.producer(), onnx.parameters(), ByteUnits.formatIec(onnx.tensorBytes()));
        out.println("Predicted   " + (p == null ? "no prediction: the graph has operators the FLOP count does not cover; name a catalog model with --as" : p.source()));
        out.printf(Locale.ROOT, "Ceilings    %.1f GB/s, %.1f GFLOP/s (%s)%n", c.bandwidthBytesPerSecond() / 1e9, c.flopsPerSecond() / 1e9, c.origin());
        Table t = new Table("batch", "input", "runs", "p50", "p95", "measured", "predicted", "error", "bound", "peak RSS", "RSS growth");
        for (Row r : rows) {
            ModelRun m = r.run();
            String unit = r.predicted() == null ? "items/s" : r.predicted().throughput().unit().label().replace("s/image", "images/s")
                    .replace("audio-h/h", "files/s").replace("audio-s/s", "items/s");
            t.row(m.batch(), shapeText(m.inputShapes()), m.runs(), ms(m.p50Seconds()), ms(m.p95Seconds()),
                    String.format(Locale.ROOT, "%.1f %s", r.measured(), unit),
                    r.predicted() == null ? "-" : String.format(Locale.ROOT, "%.1f %s", r.predicted().throughput().itemsPerSecond(), unit),
                    r.predicted() == null ? "-" : String.format(Locale.ROOT, "%+.0f%%", 100 * r.error()),
                    r.predicted() == null ? "-" : r.predicted().bound().label(),
                    m.peakRssBytes() > 0 ? ByteUnits.formatIec(m.peakRssBytes()) : "-",
                    m.rssGrowthBytes() > 0 ? ByteUnits.formatIec(m.rssGrowthBytes()) : "-");
        }
        t.print(out);
        Row last = rows.get(rows.size() - 1);
        if (last.predicted() != null) {
            out.printf(Locale.ROOT, "Measured / predicted at batch %d: %.2f (the non-LLM compute efficiency of ONNX Runtime on this machine, %d threads)%n",
                    last.run().batch(), last.measured() / last.predicted().throughput().itemsPerSecond(), threads);
            out.printf(Locale.ROOT, "Predicted memory at batch %d: %s (weights %s, activations %s); peak RSS includes the JVM, RSS growth is since before the session%n",
                    last.run().batch(), ByteUnits.formatIec(last.predicted().totalBytes()), ByteUnits.formatIec(last.predicted().memory().weightsBytes()),
                    ByteUnits.formatIec(last.predicted().memory().bytesOf("activations")));
        }
    }

    private static String shapeText(Map<String, List<Long>> shapes) {
        List<String> parts = new ArrayList<>();
        shapes.forEach((k, v) -> parts.add(k + " " + String.join("x", v.stream().map(String::valueOf).toList())));
        return parts.size() > 2 ? parts.get(0) + " (+" + (parts.size() - 1) + ")" : String.join(", ", parts);
    }

    private static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
    }

    static ObjectNode json(Path file, OnnxModel onnx, Prediction p, SpeedCeilings c, List<Row> rows) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("model", file.toString());
        root.put("parameters", onnx.parameters());
        root.put("weightBytes", onnx.tensorBytes());
        root.put("prediction", p == null ? null : p.source());
        root.put("bandwidthBytesPerSecond", c.bandwidthBytesPerSecond());
        root.put("flopsPerSecond", c.flopsPerSecond());
        root.put("ceilingsOrigin", c.origin().name());
        ArrayNode a = root.putArray("runs");
        for (Row r : rows) {
            ObjectNode o = a.addObject();
            ModelRun m = r.run();
            o.put("batch", m.batch());
            o.set("inputShapes", Json.MAPPER.valueToTree(m.inputShapes()));
            o.put("runs", m.runs());
            o.put("p50Seconds", m.p50Seconds());
            o.put("p95Seconds", m.p95Seconds());
            o.put("measuredItemsPerSecond", r.measured());
            o.put("peakRssBytes", m.peakRssBytes());
            o.put("rssGrowthBytes", m.rssGrowthBytes());
            if (r.predicted() != null) {
                o.put("predictedItemsPerSecond", r.predicted().throughput().itemsPerSecond());
                o.put("predictedHeadline", r.predicted().throughput().headline());
                o.put("predictedBytes", r.predicted().totalBytes());
                o.put("bound", r.predicted().bound().label());
                o.put("error", r.error());
            }
        }
        return root;
    }
}
