package dev.headroom.catalog.files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * FLOPs and activation sizes of an ONNX graph at concrete input shapes, by propagating shapes through the
 * operators CNNs and MLPs are built of (operator semantics from the ONNX operator docs, opset 13): Conv,
 * Gemm, MatMul, pooling, normalisation, element-wise and reshaping ops. One multiply-add is 2 FLOP;
 * element-wise ops count one FLOP per output element. A node whose output shape cannot be inferred (an
 * unsupported op, or a shape computed at run time) stops the count there: {@link Result#countedNodes()}
 * says how far it got, so a partial count is never passed off as the whole.
 */
public final class OnnxFlops {
    private static final Set<String> UNARY = Set.of("Relu", "Sigmoid", "Tanh", "Erf", "Sqrt", "Exp", "Log", "Neg", "Abs",
            "Clip", "LeakyRelu", "HardSigmoid", "HardSwish", "Elu", "Selu", "Softplus", "Gelu", "Identity", "Cast", "Dropout",
            "Reciprocal", "Floor", "Ceil", "Round", "Sign", "Mish", "Softmax", "LogSoftmax", "BatchNormalization",
            "LayerNormalization", "InstanceNormalization");
    private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "PRelu");

    /**
     * @param flops FLOPs of the nodes counted
     * @param countedNodes nodes whose shapes and work were inferred, in graph order
     * @param totalNodes nodes in the graph
     * @param largestActivationBytes the largest intermediate tensor, bytes at FP32
     * @param stoppedAt the first node that could not be inferred ("" when all were)
     */
    public record Result(double flops, int countedNodes, int totalNodes, long largestActivationBytes, String stoppedAt) {
        public boolean complete() {
            return countedNodes == totalNodes;
        }
    }

    private OnnxFlops() {
    }

    /** @param inputShapes concrete shapes of the graph inputs (no -1 dims) */
    public static Result count(OnnxModel m, Map<String, long[]> inputShapes) {
        Map<String, long[]> shapes = new HashMap<>();
        m.initializers().forEach(t -> shapes.put(t.name(), t.dims().stream().mapToLong(Long::longValue).toArray()));
        inputShapes.forEach((k, v) -> shapes.put(k, v.clone()));
        double flops = 0;
        long largest = 0;
        int counted = 0;
        for (OnnxNode n : m.nodes()) {
            long[][] in = new long[n.inputs().size()][];
            for (int i = 0; i < in.length; i++) {
                in[i] = n.inputs().get(i).isEmpty() ? null : shapes.get(n.inputs().get(i));
            }
            Step s = in.length == 0 || in[0] == null ? null : step(n, in);
            if (s == null || n.outputs().isEmpty()) {
                return new Result(flops, counted, m.nodes().size(), largest,
                        n.opType() + " (" + (n.outputs().isEmpty() ? "?" : n.outputs().get(0)) + ")");
            }
            shapes.put(n.outputs().get(0), s.shape);
            flops += s.flops;
            largest = Math.max(largest, Math.multiplyExact(elements(s.shape), 4L));
            counted++;
        }
        return new Result(flops, counted, m.nodes().size(), largest, "");
    }

    private record Step(long[] shape, double flops) {
    }

    private static Step step(OnnxNode n, long[][] in) {
        long[] x = in[0];
        String op = n.opType();
        if (UNARY.contains(op)) {
            double perElement = op.equals("Softmax") || op.endsWith("Normalization") ? 5 : op.equals("Identity") || op.equals("Cast") || op.equals("Dropout") ? 0 : 1;
            return new Step(x, perElement * elements(x));
        }
        if (BINARY.contains(op)) {
            if (in.length < 2 || in[1] == null) {
                return null;
            }
            long[] out = broadcast(x, in[1]);
            return out == null ? null : new Step(out, elements(out));
        }
        switch (op) {
            case "Conv":
                return conv(n, x, in.length > 1 ? in[1] : null);
            case "Gemm": {
                if (in.length < 2 || in[1] == null || x.length != 2 || in[1].length != 2) {
                    return null;
                }
                long m = n.attribute("transA", 0) == 1 ? x[1] : x[0];
                long k = n.attribute("transA", 0) == 1 ? x[0] : x[1];
                long cols = n.attribute("transB", 0) == 1 ? in[1][0] : in[1][1];
                return new Step(new long[] {m, cols}, 2.0 * m * k * cols + (in.length > 2 ? (double) m * cols : 0));
            }
            case "MatMul": {
                if (in.length < 2 || in[1] == null || x.length < 1 || in[1].length < 1) {
                    return null;
                }
                long[] a = x.length == 1 ? new long[] {1, x[0]} : x;
                long[] b = in[1].length == 1 ? new long[] {in[1][0], 1} : in[1];
                if (a[a.length - 1] != b[b.length - 2]) {
                    return null;
                }
                long[] batchA = Arrays.copyOf(a, a.length - 2);
                long[] batchB = Arrays.copyOf(b, b.length - 2);
                long[] batch = broadcast(batchA, batchB);
                if (batch == null) {
                    return null;
                }
                long[] out = Arrays.copyOf(batch, batch.length + 2);
                out[batch.length] = a[a.length - 2];
                out[batch.length + 1] = b[b.length - 1];
                return new Step(out, 2.0 * elements(batch) * a[a.length - 2] * a[a.length - 1] * b[b.length - 1]);
            }
            case "MaxPool":
            case "AveragePool": {
                long[] kernel = longs(n, "kernel_shape");
                if (kernel == null || x.length != 2 + kernel.length) {
                    return null;
                }
                long[] out = spatial(n, x, x[1], kernel);
                return out == null ? null : new Step(out, (double) elements(out) * elements(kernel));
            }
            case "GlobalAveragePool":
            case "GlobalMaxPool": {
                long[] out = x.clone();
                for (int i = 2; i < out.length; i++) {
                    out[i] = 1;
                }
                return new Step(out, elements(x));
            }
            case "Flatten": {
                long axis = n.attribute("axis", 1);
                int a = (int) (axis < 0 ? axis + x.length : axis);
                if (a < 0 || a > x.length) {
                    return null;
                }
                return new Step(new long[] {elements(Arrays.copyOf(x, a)), elements(Arrays.copyOfRange(x, a, x.length))}, 0);
            }
            default:
                return null;
        }
    }

    private static Step conv(OnnxNode n, long[] x, long[] w) {
        if (w == null || x.length != w.length || x.length < 3) {
            return null;
        }
        long group = n.attribute("group", 1);
        long[] kernel = Arrays.copyOfRange(w, 2, w.length);
        if (x[1] != w[1] * group) {
            return null;
        }
        long[] out = spatial(n, x, w[0], kernel);
        if (out == null) {
            return null;
        }
        double macs = (double) elements(out) * w[1] * elements(kernel);
        return new Step(out, 2 * macs);
    }

    /** Output shape of a convolution or pooling window over the spatial dims (explicit pads; auto_pad NOTSET). */
    private static long[] spatial(OnnxNode n, long[] x, long channels, long[] kernel) {
        int dims = kernel.length;
        long[] strides = orDefault(longs(n, "strides"), dims, 1);
        long[] dilations = orDefault(longs(n, "dilations"), dims, 1);
        long[] pads = orDefault(longs(n, "pads"), 2 * dims, 0);
        long[] out = new long[2 + dims];
        out[0] = x[0];
        out[1] = channels;
        for (int i = 0; i < dims; i++) {
            long effective = dilations[i] * (kernel[i] - 1) + 1;
            long size = (x[2 + i] + pads[i] + pads[i + dims] - effective) / strides[i] + 1;
            if (size <= 0) {
                return null;
            }
            out[2 + i] = size;
        }
        return out;
    }

    private static long[] longs(OnnxNode n, String name) {
        List<Long> v = n.ints().get(name);
        return v == null ? null : v.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] orDefault(long[] v, int length, long fill) {
        if (v != null && v.length == length) {
            return v;
        }
        long[] d = new long[length];
        Arrays.fill(d, fill);
        return d;
    }

    private static long[] broadcast(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long x = i < n - a.length ? 1 : a[i - (n - a.length)];
            long y = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (x != y && x != 1 && y != 1) {
                return null;
            }
            out[i] = Math.max(x, y);
        }
        return out;
    }

    static long elements(long[] shape) {
        long e = 1;
        for (long d : shape) {
            e = Math.multiplyExact(e, d);
        }
        return e;
    }

    /** "1x3x224x224" as a shape; the batch dim may be given separately. */
    public static long[] parseShape(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("[x,]");
        List<Long> dims = new ArrayList<>();
        for (String p : parts) {
            try {
                long d = Long.parseLong(p.trim());
                if (d <= 0 || d > 1_000_000) {
                    throw new NumberFormatException();
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--input: '" + text + "' is not a shape like 1x3x224x224 (positive dims)");
            }
        }
        if (dims.isEmpty() || dims.size() > OnnxReader.MAX_DIMS) {
            throw new IllegalArgumentException("--input: '" + text + "' has no dims or too many");
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}
