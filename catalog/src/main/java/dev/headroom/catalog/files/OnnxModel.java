package dev.headroom.catalog.files;

import java.util.List;
import java.util.Map;

/**
 * What an ONNX file says, exactly.
 *
 * @param file the .onnx file
 * @param irVersion {@code ModelProto.ir_version}
 * @param producer producer name and version ("pytorch 2.1.0")
 * @param opsets operator-set versions by domain ("" is the default ai.onnx domain)
 * @param initializers every initializer of the main graph and its subgraphs (sparse ones as their values)
 * @param nodes the main graph's nodes
 * @param inputs graph inputs that are not initializers, with their shapes (-1 for symbolic dims)
 * @param outputs graph outputs with their shapes
 * @param externalFiles external-data files read (relative to the model's directory)
 * @param fileBytes bytes of the .onnx file plus its external-data files
 */
public record OnnxModel(String file, long irVersion, String producer, Map<String, Long> opsets, List<OnnxTensor> initializers,
                        List<OnnxNode> nodes, Map<String, List<Long>> inputs, Map<String, List<Long>> outputs,
                        List<String> externalFiles, long fileBytes) {
    public OnnxModel {
        opsets = Map.copyOf(opsets);
        initializers = List.copyOf(initializers);
        nodes = List.copyOf(nodes);
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        externalFiles = List.copyOf(externalFiles);
    }

    /**
     * Elements of initializers whose type holds weights (floating point and quantized integers) and that have
     * at least one dimension: rank-0 scalars are constants of the graph (LayerNorm epsilons, attention scales,
     * per-tensor quantization scales and zero points), not weights.
     */
    public long parameters() {
        long n = 0;
        for (OnnxTensor t : initializers) {
            if (isParameter(t)) {
                n = Math.addExact(n, t.elements());
            }
        }
        return n;
    }

    /** Exact bytes of all initializer data. */
    public long tensorBytes() {
        long n = 0;
        for (OnnxTensor t : initializers) {
            n = Math.addExact(n, t.bytes());
        }
        return n;
    }

    /** Initializer bytes per element type. */
    public Map<String, Long> bytesByType() {
        Map<String, Long> out = new java.util.TreeMap<>();
        initializers.forEach(t -> out.merge(t.type().name(), t.bytes(), Math::addExact));
        return out;
    }

    /** Parameter counts per element type (weight types only). */
    public Map<String, Long> parametersByType() {
        Map<String, Long> out = new java.util.TreeMap<>();
        initializers.stream().filter(OnnxModel::isParameter).forEach(t -> out.merge(t.type().name(), t.elements(), Math::addExact));
        return out;
    }

    static boolean isParameter(OnnxTensor t) {
        return t.type().isWeight() && !t.dims().isEmpty();
    }

    /** Nodes per operator type. */
    public Map<String, Integer> operatorCounts() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        nodes.forEach(n -> out.merge(n.opType(), 1, Integer::sum));
        return out;
    }
}
