package dev.headroom.bench.onnx;

import java.util.List;
import java.util.Map;

/**
 * Measured inference of one ONNX model at one batch size.
 *
 * @param batch inputs per run
 * @param inputShapes the shapes fed, by input name, in the graph's input order
 * @param runs timed runs (after warm-up)
 * @param p50Seconds median latency of one run
 * @param p95Seconds 95th-percentile latency
 * @param itemsPerSecond batch / median latency
 * @param peakRssBytes the process's peak resident memory after the runs (Linux VmHWM), -1 when unknown
 * @param rssGrowthBytes peak resident memory minus resident memory before the session was created, -1 when unknown
 * @param threads intra-op threads ONNX Runtime used
 * @param notes what the runtime reported (provider, optimisation level)
 */
public record ModelRun(int batch, Map<String, List<Long>> inputShapes, int runs, double p50Seconds, double p95Seconds,
                       double itemsPerSecond, long peakRssBytes, long rssGrowthBytes, int threads, List<String> notes) {
    public ModelRun {
        inputShapes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputShapes)); // graph input order
        notes = List.copyOf(notes);
    }
}
