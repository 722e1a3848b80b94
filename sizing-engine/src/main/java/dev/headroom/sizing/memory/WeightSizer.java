package dev.headroom.sizing.memory;

import dev.headroom.sizing.model.ArchitectureFamily;
import dev.headroom.sizing.model.LayerKind;
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
 * ({@link CheckpointFormat}). The sizer walks each block's tensor groups
 * ({@link ParameterCounter#blockTemplate(ModelArchitecture, int)}: attention, latent attention or state space
 * mixer, dense or routed + shared experts), so parameter counts, bytes and bytes read per token all follow
 * from the same groups: a few thousand arithmetic steps for a 100-layer model.
 */
public final class WeightSizer {
    private WeightSizer() {
    }

    /** Bytes of all stored weights (what a GGUF file of this precision holds, less its header). */
    public static long weightBytes(ModelArchitecture arch, Precision precision) {
        long total = outsideBytes(arch, precision);
        // Blocks of one class (layer kind x dense/MoE) share their shapes: build each class's groups once, size the
        // roles whose type cannot change between layers once, and ask only attn_v/ffn_down (and fused qkv) per layer.
        int classes = LayerKind.values().length * 2;
        @SuppressWarnings("unchecked")
        List<TensorGroup>[] templates = new List[classes];
        long[] fixed = new long[classes];
        for (int layer = 0; layer < arch.layers(); layer++) {
            int key = arch.layerKind(layer).ordinal() * 2 + (arch.isMoeLayer(layer) ? 1 : 0);
            if (templates[key] == null) {
                templates[key] = ParameterCounter.blockTemplate(arch, layer);
                for (TensorGroup g : templates[key]) {
                    if (!precision.isGguf() || !TensorTypePlanner.dependsOnLayer(g.role(), arch)) {
                        fixed[key] = Math.addExact(fixed[key], tensorBytes(arch, precision, g.role(), layer, g.parameters(), g.rowLength()));
                    }
                }
            }
            total = Math.addExact(total, fixed[key]);
            if (precision.isGguf()) {
                for (TensorGroup g : templates[key]) {
                    if (TensorTypePlanner.dependsOnLayer(g.role(), arch)) {
                        total = Math.addExact(total, tensorBytes(arch, precision, g.role(), layer, g.parameters(), g.rowLength()));
                    }
                }
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
        return blockBytes(arch, precision, ParameterCounter.blockTemplate(arch, layer), layer);
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
     * Bytes read from memory to produce one token: every weight a token passes through (MoE: the shared
     * experts whole and {@code expertsPerToken / experts} of each layer's routed experts), the output head, and
     * one row of the embedding table.
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
