package dev.headroom.advisor.validate.domain;

import java.util.Locale;
import java.util.Map;

/**
 * One published (or locally measured) non-LLM throughput figure from {@code validation/domain_benchmarks.csv}:
 * what ran (model, device, framework, precision, batch and input size) and what was measured.
 *
 * @param id short unique row id
 * @param domain report group: vision, speech, embeddings, diffusion or local (this machine's ONNX Runtime runs)
 * @param model catalog id or alias (or a description when {@code predictedRecorded} is set)
 * @param device the device as the source names it
 * @param catalogDevice the accelerator catalog entry to take ceilings from; empty for CPUs and for devices the
 *                      catalog does not hold
 * @param cpuThreads threads the run used, for CPU rows; 0 otherwise
 * @param cpuVector {@code avx512f}, {@code avx2}, or {@code measured} (this machine: the calibration's ceilings)
 * @param framework runtime and version as published
 * @param precision as published (FP16, FP32, INT8, ...)
 * @param represented {@code yes}: the engine models this precision and runtime; {@code partly}: the same
 *                    precision but a decoding or runtime choice the model leaves out (beam search, unstated input
 *                    length); {@code no}: a precision or compiler the model does not represent (INT8/FP8 TensorRT)
 * @param batch inputs per batch
 * @param resolution image side in px, 0 = the model's default
 * @param tokens tokens per input, 0 = default
 * @param audioSeconds audio length, 0 = default
 * @param outputTokens decoder tokens, -1 = default
 * @param steps diffusion steps, 0 = default
 * @param metric images_per_s, inputs_per_s, audio_s_per_s, windows_per_s, it_per_s or generated_images_per_s
 * @param value the published figure in {@code metric}
 * @param predictedRecorded a prediction printed at measurement time (rows whose model file is not bundled), or NaN
 * @param trust A (original table), B (faithful copy, some metadata missing), C (secondary or unverified)
 * @param source where the figure was published
 * @param notes conditions and caveats, as published
 */
public record DomainBenchmark(String id, String domain, String model, String device, String catalogDevice,
                              int cpuThreads, String cpuVector, String framework, String precision, String represented,
                              int batch, int resolution, int tokens, double audioSeconds, int outputTokens, int steps,
                              String metric, double value, double predictedRecorded, String trust, String source,
                              String notes) {
    /** A row of the CSV, with a one-line error naming the row and field on bad input. */
    static DomainBenchmark of(Map<String, String> r) {
        String id = r.getOrDefault("id", "").strip();
        try {
            double value = Double.parseDouble(r.get("value"));
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("value: must be positive, was " + value);
            }
            return new DomainBenchmark(id, r.get("domain"), r.get("model"), r.get("device"), r.get("catalog_device"),
                    integer(r, "cpu_threads", 0), r.get("cpu_vector"), r.get("framework"), r.get("precision"),
                    r.get("represented"), integer(r, "batch", 1), integer(r, "resolution", 0), integer(r, "tokens", 0),
                    decimal(r, "audio_seconds", 0), integer(r, "output_tokens", -1), integer(r, "steps", 0),
                    r.get("metric"), value, decimal(r, "predicted_recorded", Double.NaN), r.get("trust"), r.get("source"),
                    r.get("notes"));
        } catch (RuntimeException e) {
            throw new IllegalStateException("validation/domain_benchmarks.csv row '" + id + "': " + e.getMessage(), e);
        }
    }

    /** The unit the metric is read in. */
    String unit() {
        return switch (metric) {
            case "images_per_s" -> "images/s";
            case "inputs_per_s" -> "inputs/s";
            case "audio_s_per_s" -> "audio-s/s";
            case "windows_per_s" -> "30 s windows/s";
            case "it_per_s" -> "it/s";
            case "generated_images_per_s" -> "images/s";
            default -> throw new IllegalStateException("row '" + id + "': unknown metric " + metric);
        };
    }

    /** Batch and input size in words. */
    String input() {
        StringBuilder sb = new StringBuilder("batch ").append(batch);
        if (resolution > 0) {
            sb.append(", ").append(resolution).append(" px");
        }
        if (tokens > 0) {
            sb.append(", ").append(tokens).append(" tokens");
        }
        if (audioSeconds > 0) {
            sb.append(String.format(Locale.ROOT, ", %.0f s audio", audioSeconds));
        }
        if (outputTokens == 0) {
            sb.append(", encoder only");
        }
        if (steps > 0) {
            sb.append(", ").append(steps).append(" steps");
        }
        return sb.toString();
    }

    private static int integer(Map<String, String> r, String key, int fallback) {
        String v = r.getOrDefault(key, "").strip();
        return v.isEmpty() ? fallback : Integer.parseInt(v);
    }

    private static double decimal(Map<String, String> r, String key, double fallback) {
        String v = r.getOrDefault(key, "").strip();
        return v.isEmpty() ? fallback : Double.parseDouble(v);
    }
}
