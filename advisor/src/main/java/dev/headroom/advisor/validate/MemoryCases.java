package dev.headroom.advisor.validate;

import dev.headroom.sizing.memory.KvCacheFormat;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.memory.MemoryModel;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.memory.WeightSizer;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory cases of the accuracy report, built from the bundled validation files: every row that
 * states a parameter count, a GGUF model size, a KV cache size or a runtime buffer becomes one
 * {@link AccuracyCase} (rows repeated across devices are compared once, with their count).
 */
final class MemoryCases {
    static final double GIB = 1L << 30;
    static final double MIB = 1L << 20;
    private static final Pattern N_CTX = Pattern.compile("n_ctx (\\d+)");

    final List<Map<String, String>> configs = ValidationCsv.bundled("model_configs.csv");
    final List<Map<String, String>> measured = ValidationCsv.bundled("measured_memory.csv");
    final List<Map<String, String>> bench = ValidationCsv.bundled("llama_bench_llama2.csv");

    final List<AccuracyCase> parameters = new ArrayList<>();
    final List<AccuracyCase> printedParameters = new ArrayList<>();
    final List<AccuracyCase> ggufSizes = new ArrayList<>();
    final List<AccuracyCase> kvCaches = new ArrayList<>();
    final List<AccuracyCase> buffers = new ArrayList<>();
    final List<AccuracyCase> calibration = new ArrayList<>();
    /** The vLLM rows among {@link #buffers} (weights and the KV pool it derives); the others are llama.cpp's. */
    final List<AccuracyCase> vllmBuffers = new ArrayList<>();
    final List<String> notCompared = new ArrayList<>();

    MemoryCases() {
        for (Map<String, String> row : configs) {
            boolean published = !row.get("params_reference").isBlank();
            double expected = Double.parseDouble(published ? row.get("params_reference") : row.get("params_computed"));
            parameters.add(new AccuracyCase(row.get("model"), row.get("model") + (published ? "" : " (computed-only reference)"),
                    ConfigArchitectures.parameters(row), expected, "params", 0,
                    published ? shorten(row.get("params_reference_evidence")) : "config.json arithmetic by the data set's author"));
        }
        benchCases();
        measuredCases();
    }

    private void benchCases() {
        Map<String, List<Map<String, String>>> byModelQuant = new LinkedHashMap<>();
        for (Map<String, String> row : bench) {
            byModelQuant.computeIfAbsent(ConfigArchitectures.configName(row.get("model")) + " " + row.get("quant"), k -> new ArrayList<>()).add(row);
        }
        Map<String, Boolean> paramsDone = new LinkedHashMap<>();
        for (var e : byModelQuant.entrySet()) {
            Map<String, String> row = e.getValue().get(0);
            ModelArchitecture a = ConfigArchitectures.forMeasuredModel(row.get("model"), configs);
            Precision p = Precision.parse(row.get("quant"));
            String ids = "bench " + row.get("row_id") + (e.getValue().size() > 1 ? " (+" + (e.getValue().size() - 1) + ")" : "");
            ggufSizes.add(new AccuracyCase(ids, e.getKey() + " model size (llama-bench)", WeightSizer.weightBytes(a, p) / GIB,
                    Double.parseDouble(row.get("model_size_gib")), "GiB", 2, "llama_bench_llama2.csv " + e.getValue().size() + " rows; " + shorten(row.get("source"))));
            String model = ConfigArchitectures.configName(row.get("model"));
            if (paramsDone.putIfAbsent(model, true) == null) {
                printedParameters.add(new AccuracyCase(ids, model + " params (llama-bench, 2 decimals)",
                        dev.headroom.sizing.model.ParameterCounter.totalParameters(a) / 1e9,
                        Double.parseDouble(row.get("params_b")), "B params", 2, "llama_bench_llama2.csv"));
            }
        }
    }

    private void measuredCases() {
        for (Map<String, String> row : measured) {
            String id = row.get("row_id");
            String metric = row.get("metric");
            String framework = row.get("framework");
            if (!row.get("trust").equals("A")) {
                notCompared.add(id + " (" + row.get("model") + ", " + metric + " " + row.get("value") + " " + row.get("unit")
                        + "): trust C, unit ambiguous (GB vs GiB) and process memory of the March 2023 ggml format, whose q4_0"
                        + " blocks (FP32 scale, 20 bytes per 32) no current runtime uses; not comparable with a model of today's files.");
                continue;
            }
            ModelArchitecture a = ConfigArchitectures.forMeasuredModel(row.get("model"), configs);
            double published = publishedValue(row);
            String unit = row.get("unit").startsWith("GiB") ? "GiB" : "MiB";
            double scale = unit.equals("GiB") ? GIB : MIB;
            String label = shortModel(row.get("model")) + ": " + metric;
            String source = shorten(row.get("source"));
            if (metric.startsWith("model size")) {
                Precision p = Precision.parse(row.get("precision"));
                ggufSizes.add(new AccuracyCase(id, shortModel(row.get("model")) + " " + p + " model size", WeightSizer.weightBytes(a, p) / GIB,
                        published, "GiB", 2, source));
            } else if (metric.startsWith("KV self size")) {
                long ctx = nCtx(row);
                MemoryBreakdown m = MemoryModel.estimate(MemoryRequest.of(a, Precision.F16, ctx));
                kvCaches.add(new AccuracyCase(id, label + " at n_ctx " + ctx, m.kvCacheBytes() / scale, published, unit, 2, source));
            } else if (framework.startsWith("llama.cpp")) {
                llamaCppBuffer(row, a, id, label, published, unit, scale, source);
            } else if (framework.startsWith("vLLM")) {
                vllm(row, a, id, label, published, unit, scale, source);
            }
        }
    }

    private void llamaCppBuffer(Map<String, String> row, ModelArchitecture a, String id, String label, double published,
                                String unit, double scale, String source) {
        MemoryBreakdown m = MemoryModel.estimate(MemoryRequest.of(a, Precision.Q4_K_M, nCtx(row)));
        long embedding = WeightSizer.tokenEmbeddingBytes(a, Precision.Q4_K_M);
        String metric = row.get("metric");
        if (metric.contains("buffer (weights on GPU)")) {
            buffers.add(new AccuracyCase(id, label, (m.weightsBytes() - embedding) / scale, published, unit, 2, source));
        } else if (metric.contains("CPU buffer")) {
            buffers.add(new AccuracyCase(id, label, embedding / scale, published, unit, 2, source));
        } else if (metric.contains("compute buffer") && !metric.startsWith("host")) {
            buffers.add(new AccuracyCase(id, label, m.bytesOf(MemoryComponent.COMPUTE_BUFFER) / scale, published, unit, 2, source));
        } else {
            notCompared.add(id + " (" + label + " " + row.get("value") + " " + row.get("unit") + "): the host-side graph inputs"
                    + " (token ids, positions, embedding rows gathered on the CPU) are not modelled separately; headroom's"
                    + " 300 MiB runtime-overhead allowance covers them.");
        }
    }

    private void vllm(Map<String, String> row, ModelArchitecture a, String id, String label, double published, String unit,
                      double scale, String source) {
        String metric = row.get("metric");
        boolean opt = row.get("model").contains("opt-125m");
        int tp = metric.contains("TP=2") ? 2 : 1;
        long ctx = opt ? 2048 : 8192; // rows 113-119: max_model_len defaults to the model's 8192
        Precision p = opt ? Precision.F16 : Precision.BF16;
        MemoryRequest r = new MemoryRequest(a, p, ctx, 1, KvCacheFormat.BF16, RuntimeProfile.VLLM, tp);
        MemoryBreakdown m = MemoryModel.estimate(r);
        if (metric.contains("weights")) {
            vllmBuffers.add(new AccuracyCase(id, label, m.weightsBytes() / scale, published, unit, 2, source));
            buffers.add(vllmBuffers.get(vllmBuffers.size() - 1));
        } else if (metric.contains("activation peak")) {
            calibration.add(new AccuracyCase(id, label, m.bytesOf(MemoryComponent.COMPUTE_BUFFER) / scale, published, unit, 2, source));
        } else if (metric.startsWith("non_torch")) {
            calibration.add(new AccuracyCase(id, label, m.bytesOf(MemoryComponent.RUNTIME_OVERHEAD) / scale, published, unit, 2, source));
        } else if (metric.startsWith("available_kv_cache_memory")) {
            // vLLM: available = gpu_memory_utilization x total - weights - non-torch - activation peak.
            double total = 79.22 * GIB;
            double available = 0.9 * total - m.weightsBytes() - m.bytesOf(MemoryComponent.RUNTIME_OVERHEAD)
                    - m.bytesOf(MemoryComponent.COMPUTE_BUFFER);
            vllmBuffers.add(new AccuracyCase(id, label + " (derived from the 79.22 GiB total)", available / scale, published, unit, 2, source));
            buffers.add(vllmBuffers.get(vllmBuffers.size() - 1));
        }
    }

    /** Every compared row of llama.cpp: its printed model sizes, KV caches and logged buffers. */
    List<AccuracyCase> llamaCppRows() {
        List<AccuracyCase> out = new ArrayList<>(ggufSizes);
        out.addAll(kvCaches);
        buffers.stream().filter(b -> !vllmBuffers.contains(b)).forEach(out::add);
        return out;
    }

    private static double publishedValue(Map<String, String> row) {
        return Double.parseDouble(row.get("value"));
    }

    private static long nCtx(Map<String, String> row) {
        Matcher m = N_CTX.matcher(row.get("context_tokens") + " " + row.get("precision"));
        if (!m.find()) {
            throw new IllegalArgumentException("measured_memory.csv row " + row.get("row_id") + ": no n_ctx in context_tokens");
        }
        return Long.parseLong(m.group(1));
    }

    private static String shortModel(String model) {
        int paren = model.indexOf(" (");
        return paren > 0 ? model.substring(0, paren) : model;
    }

    static String shorten(String source) {
        String s = source == null ? "" : source;
        return s.length() > 110 ? s.substring(0, 107) + "..." : s;
    }
}
