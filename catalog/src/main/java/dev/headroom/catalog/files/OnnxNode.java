package dev.headroom.catalog.files;

import java.util.List;
import java.util.Map;

/**
 * One node of an ONNX graph, with what a FLOP count needs: its operator, its inputs and outputs, and
 * its integer attributes ({@code strides}, {@code pads}, {@code group}, {@code kernel_shape}, {@code transB}).
 */
public record OnnxNode(String opType, List<String> inputs, List<String> outputs, Map<String, List<Long>> ints) {
    public OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        ints = Map.copyOf(ints);
    }

    /** An integer attribute, or {@code fallback} when absent. */
    public long attribute(String name, long fallback) {
        List<Long> v = ints.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(0);
    }
}
