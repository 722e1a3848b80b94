package dev.headroom.bench.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times a real ONNX model with ONNX Runtime (CPU execution provider, all graph optimisations): builds
 * inputs of the requested batch and shape (float inputs with deterministic pseudo-random values; integer
 * inputs as token ids, masks of ones, token types of zeros), warms up, then times runs until both a count
 * and a duration are reached, and reads the process's peak resident memory.
 */
public final class OnnxModelBenchmark {
    /** Token count used for a dynamic sequence dim when the user gives no shape (a typical sentence-embedding input). */
    public static final int DEFAULT_SEQUENCE = 128;

    /**
     * @param warmupRuns untimed runs first (ONNX Runtime plans memory and picks kernels on the first ones)
     * @param minRuns timed runs at least
     * @param minSeconds timed seconds at least
     * @param maxRuns timed runs at most
     */
    public record Settings(int warmupRuns, int minRuns, double minSeconds, int maxRuns, int threads) {
        public Settings {
            if (warmupRuns < 0 || minRuns < 1 || maxRuns < minRuns || !(minSeconds >= 0) || threads < 0) {
                throw new IllegalArgumentException("bench settings: need warmup >= 0, 1 <= minRuns <= maxRuns, seconds >= 0, threads >= 0");
            }
        }

        public static Settings standard(int threads) {
            return new Settings(3, 10, 2.0, 1000, threads);
        }

        public static Settings quick(int threads) {
            return new Settings(1, 3, 0.3, 50, threads);
        }
    }

    private OnnxModelBenchmark() {
    }

    /**
     * @param shapes input shapes by input name; a shape given under the name "" applies to the first input;
     *               missing inputs take their declared shape with dynamic dims set to {@code batch} (first), the
     *               same dim of the first given shape of equal rank, or {@link #DEFAULT_SEQUENCE}
     * @throws IllegalArgumentException when an input's shape cannot be completed, with the input's name
     * @throws IllegalStateException when ONNX Runtime cannot load or run the model (its message)
     */
    public static List<ModelRun> run(Path model, List<Integer> batches, Map<String, long[]> shapes, Settings settings) {
        long rssBefore = Rss.current();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (settings.threads() > 0) {
                options.setIntraOpNumThreads(settings.threads());
            }
            try (OrtSession session = env.createSession(model.toString(), options)) {
                List<ModelRun> out = new ArrayList<>();
                for (int b : batches) {
                    out.add(runBatch(env, session, b, shapes, settings, rssBefore));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(model + ": ONNX Runtime: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    private static ModelRun runBatch(OrtEnvironment env, OrtSession session, int batch, Map<String, long[]> shapes, Settings s,
                                     long rssBefore) throws OrtException {
        if (batch < 1 || batch > 100_000) {
            throw new IllegalArgumentException("--batch: must be within 1..100000, was " + batch);
        }
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        Map<String, List<Long>> used = new LinkedHashMap<>();
        long[] template = shapes.isEmpty() ? null : shapes.values().iterator().next();
        try {
            boolean first = true;
            for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                if (!(e.getValue().getInfo() instanceof TensorInfo info)) {
                    throw new IllegalArgumentException("input '" + e.getKey() + "' is not a tensor; only tensor inputs are supported");
                }
                long[] shape = shapes.containsKey(e.getKey()) ? shapes.get(e.getKey()).clone()
                        : first && shapes.containsKey("") ? shapes.get("").clone() : info.getShape().clone();
                boolean given = shapes.containsKey(e.getKey()) || first && shapes.containsKey("");
                if (shape.length != info.getShape().length) {
                    throw new IllegalArgumentException("--input: '" + e.getKey() + "' has " + info.getShape().length + " dims "
                            + Arrays.toString(info.getShape()) + ", the shape given has " + shape.length);
                }
                for (int i = 0; i < shape.length; i++) {
                    if (i == 0 && (!given || info.getShape()[0] < 0)) {
                        shape[0] = batch;
                    } else if (shape[i] < 0) {
                        // a dynamic dim takes the same dim of the shape the user gave (input_ids=1x32 sets the mask's 32 too)
                        shape[i] = template != null && template.length == shape.length && template[i] > 0 ? template[i] : DEFAULT_SEQUENCE;
                    }
                }
                inputs.put(e.getKey(), tensor(env, e.getKey(), info.type, shape));
                used.put(e.getKey(), Arrays.stream(shape).boxed().toList());
                first = false;
            }
            for (int i = 0; i < s.warmupRuns(); i++) {
                session.run(inputs).close();
            }
            List<Double> times = new ArrayList<>();
            long start = System.nanoTime();
            while (times.size() < s.maxRuns() && (times.size() < s.minRuns() || (System.nanoTime() - start) / 1e9 < s.minSeconds())) {
                long t0 = System.nanoTime();
                session.run(inputs).close();
                times.add((System.nanoTime() - t0) / 1e9);
            }
            double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double p50 = percentile(sorted, 0.50);
            double p95 = percentile(sorted, 0.95);
            long peak = Rss.peak();
            List<String> notes = List.of("CPU execution provider, ALL_OPT graph optimisations");
            return new ModelRun(batch, used, sorted.length, p50, p95, batch / p50, peak,
                    peak > 0 && rssBefore > 0 ? peak - rssBefore : -1, s.threads(), notes);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static OnnxTensor tensor(OrtEnvironment env, String name, OnnxJavaType type, long[] shape) throws OrtException {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        if (n > 1L << 28) {
            throw new IllegalArgumentException("input '" + name + "' of " + Arrays.toString(shape) + " has more than 2^28 elements");
        }
        int count = (int) n;
        String lower = name.toLowerCase(Locale.ROOT);
        switch (type) {
            case FLOAT: {
                FloatBuffer b = FloatBuffer.allocate(count);
                long seed = 7;
                for (int i = 0; i < count; i++) {
                    seed = seed * 6364136223846793005L + 1442695040888963407L;
                    b.put((float) ((seed >>> 40) / (double) (1L << 24) - 0.5));
                }
                return OnnxTensor.createTensor(env, b.flip(), shape);
            }
            case INT64: {
                LongBuffer b = LongBuffer.allocate(count);
                for (int i = 0; i < count; i++) {
                    b.put(lower.contains("mask") ? 1 : lower.contains("type") ? 0 : 1000 + i % 1000);
                }
                return OnnxTensor.createTensor(env, b.flip(), shape);
            }
            case INT32: {
                IntBuffer b = IntBuffer.allocate(count);
                for (int i = 0; i < count; i++) {
                    b.put(lower.contains("mask") ? 1 : lower.contains("type") ? 0 : 1000 + i % 1000);
                }
                return OnnxTensor.createTensor(env, b.flip(), shape);
            }
            default:
                throw new IllegalArgumentException("input '" + name + "' has type " + type + "; float, int64 and int32 inputs are supported");
        }
    }

    /** Resident memory of this process from /proc/self/status (Linux); -1 elsewhere. */
    static final class Rss {
        private Rss() {
        }

        static long current() {
            return field("VmRSS:");
        }

        static long peak() {
            return field("VmHWM:");
        }

        private static long field(String key) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(key)) {
                        String[] p = line.substring(key.length()).trim().split("\\s+");
                        return Long.parseLong(p[0]) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
            return -1;
        }
    }
}
