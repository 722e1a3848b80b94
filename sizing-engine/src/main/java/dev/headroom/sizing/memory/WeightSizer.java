package dev.headroom.sizing.memory;

import dev.headroom.sizing.model.ArchitectureFamily;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;
import dev.headroom.sizing.model.TensorGroup;
import dev.headroom.sizing.model.TensorRole;
import dev.headroom.sizing.quant.CheckpointFormat;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.quant.TensorTypePlanner;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Exact bytes of a model's weights at a precision, tensor by tensor: GGUF types chosen by
 * {@link TensorTypePlanner} with their block layouts, or a checkpoint format's layout
 * ({@link CheckpointFormat}). Every block has the same shapes, so the sizer walks one block template
 * per layer and asks only for the layer-dependent type: no per-tensor objects, a few hundred
 * arithmetic steps for an 80-layer model.
 */
public final class WeightSizer {
    private WeightSizer() {
    }

    /** Bytes of all stored weights (what a GGUF file of this precision holds, less its header). */
    public static long weightBytes(ModelArchitecture arch, Precision precision) {
        long total = outsideBytes(arch, precision);
        for (TensorGroup g : ParameterCounter.blockTemplate(arch)) {
            if (precision.isGguf() && TensorTypePlanner.dependsOnLayer(g.role(), arch)) {
                // A role takes two or three types across the layers: size each type once.
                GgmlType last = null;
                long lastBytes = 0;
                for (int layer = 0; layer < arch.layers(); layer++) {
                    GgmlType t = TensorTypePlanner.typeFor(precision, g.role(), layer, g.rowLength(), arch);
                    if (t != last) {
                        last = t;
                        lastBytes = t.bytesFor(g.parameters(), g.rowLength());
                    }
                    total = Math.addExact(total, lastBytes);
                }
            } else {
                long one = tensorBytes(arch, precision, g.role(), 0, g.parameters(), g.rowLength());
                total = Math.addExact(total, Math.multiplyExact(one, (long) arch.layers()));
            }
        }
        return total;
    }

    /**
     * Bytes of the weights as a runtime holds them: GGUF sizing for llama.cpp-style runtimes; for
     * PyTorch runtimes a 16-bit (or FP32) checkpoint holds every tensor, norms included, at that width.
     */
    public static long weightBytes(ModelArchitecture arch, Precision precision, RuntimeProfile runtime) {
        if (!runtime.loadsGguf() && (precision == Precision.F16 || precision == Precision.BF16 || precision == Precision.F32)) {
            return Math.multiplyExact(ParameterCounter.totalParameters(arch), precision == Precision.F32 ? 4L : 2L);
        }
        return weightBytes(arch, precision);
    }

    /** Bytes of the tensors outside the blocks: embeddings, final norm, pooler, output head. */
    public static long outsideBytes(ModelArchitecture arch, Precision precision) {
        long total = 0;
        for (TensorGroup g : ParameterCounter.leadingGroups(arch)) {
            total = Math.addExact(total, tensorBytes(arch, precision, g.role(), -1, g.parameters(), g.rowLength()));
        }
        for (TensorGroup g : ParameterCounter.trailingGroups(arch)) {
            total = Math.addExact(total, tensorBytes(arch, precision, g.role(), -1, g.parameters(), g.rowLength()));
        }
        return total;
    }

    /** Bytes of the token-embedding table alone (llama.cpp keeps it in host memory even with every layer offloaded). */
    public static long tokenEmbeddingBytes(ModelArchitecture arch, Precision precision) {
        TensorGroup g = ParameterCounter.leadingGroups(arch).get(0);
        return tensorBytes(arch, precision, g.role(), -1, g.parameters(), g.rowLength());
    }

    /** Bytes of the weights of one layer (block) at a precision. */
    public static long layerBytes(ModelArchitecture arch, Precision precision, int layer) {
        if (layer < 0 || layer >= arch.layers()) {
            throw new IllegalArgumentException("layer: " + layer + " is not within 0.." + (arch.layers() - 1));
        }
        return blockBytes(arch, precision, ParameterCounter.blockTemplate(arch), layer);
    }

    /** Bytes per GGML type (GGUF precisions) of the whole model, for reports ("Q4_K: 3.9 GiB, Q6_K: 0.8 GiB"). */
    public static Map<GgmlType, Long> bytesByType(ModelArchitecture arch, Precision precision) {
        Map<GgmlType, Long> out = new EnumMap<>(GgmlType.class);
        for (TensorGroup g : ParameterCounter.tensorGroups(arch)) {
            GgmlType t = TensorTypePlanner.typeFor(precision, g, arch);
            out.merge(t, tensorBytes(arch, precision, g.role(), g.layer(), g.parameters(), g.rowLength()), Long::sum);
        }
        return out;
    }

    /**
     * Bytes read from memory to produce one token: every weight a token passes through (MoE: the
     * routed share), the output head, and one row of the embedding table.
     */
    public static long bytesReadPerToken(ModelArchitecture arch, Precision precision) {
        double total = 0;
        double expertShare = arch.isMixtureOfExperts() ? (double) arch.expertsPerToken() / arch.experts() : 1.0;
        for (TensorGroup g : ParameterCounter.tensorGroups(arch)) {
            long bytes = tensorBytes(arch, precision, g.role(), g.layer(), g.parameters(), g.rowLength());
            if (g.role() == TensorRole.TOKEN_EMBEDDING || g.role() == TensorRole.POSITION_EMBEDDING
                    || g.role() == TensorRole.TOKEN_TYPE_EMBEDDING) {
                if (g.role() == TensorRole.TOKEN_EMBEDDING && arch.tiedEmbeddings() && arch.family() != ArchitectureFamily.BERT) {
                    total += bytes; // the tied matrix is also the output head, read whole
                } else {
                    total += (double) bytes / Math.max(1, g.parameters() / g.rowLength());
                }
            } else {
                total += g.perExpert() ? bytes * expertShare : bytes;
            }
        }
        return Math.round(total);
    }

    /** Bytes of one tensor of a role in a layer (-1 outside the blocks). */
    public static long tensorBytes(ModelArchitecture arch, Precision precision, TensorRole role, int layer,
                                   long parameters, long rowLength) {
        if (!precision.isGguf()) {
            return CheckpointFormat.bytes(precision, role, parameters, rowLength);
        }
        GgmlType type = TensorTypePlanner.typeFor(precision, role, layer, rowLength, arch);
        return type.bytesFor(parameters, rowLength);
    }

    static long groupBytes(ModelArchitecture arch, Precision precision, TensorGroup g) {
        return tensorBytes(arch, precision, g.role(), g.layer(), g.parameters(), g.rowLength());
    }

    private static long blockBytes(ModelArchitecture arch, Precision precision, List<TensorGroup> template, int layer) {
        long total = 0;
        for (TensorGroup g : template) {
            total = Math.addExact(total, tensorBytes(arch, precision, g.role(), layer, g.parameters(), g.rowLength()));
        }
        return total;
    }
}
