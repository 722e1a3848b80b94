package dev.headroom.sizing.memory;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;
import dev.headroom.sizing.model.TensorGroup;
import dev.headroom.sizing.model.TensorRole;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.quant.TensorTypePlanner;

/** Exact bytes of a model's weights at a precision, tensor group by tensor group. */
public final class WeightSizer {
    private WeightSizer() {
    }

    /** Bytes of all stored weights (what a GGUF file of this precision holds, less its header). */
    public static long weightBytes(ModelArchitecture arch, Precision precision) {
        long total = 0;
        for (TensorGroup g : ParameterCounter.tensorGroups(arch)) {
            total = Math.addExact(total, groupBytes(arch, precision, g));
        }
        return total;
    }

    /** Bytes of the weights of one layer (block) at a precision. */
    public static long layerBytes(ModelArchitecture arch, Precision precision, int layer) {
        long total = 0;
        for (TensorGroup g : ParameterCounter.tensorGroups(arch)) {
            if (g.layer() == layer) {
                total = Math.addExact(total, groupBytes(arch, precision, g));
            }
        }
        return total;
    }

    /**
     * Bytes read from memory to produce one token: every weight a token passes through (MoE: the
     * routed share), the output head, and one row of the embedding table.
     */
    public static long bytesReadPerToken(ModelArchitecture arch, Precision precision) {
        double total = 0;
        double expertShare = arch.isMixtureOfExperts() ? (double) arch.expertsPerToken() / arch.experts() : 1.0;
        for (TensorGroup g : ParameterCounter.tensorGroups(arch)) {
            long bytes = groupBytes(arch, precision, g);
            if (g.role() == TensorRole.TOKEN_EMBEDDING || g.role() == TensorRole.POSITION_EMBEDDING) {
                if (g.role() == TensorRole.TOKEN_EMBEDDING && arch.tiedEmbeddings()) {
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

    static long groupBytes(ModelArchitecture arch, Precision precision, TensorGroup g) {
        GgmlType type = TensorTypePlanner.typeFor(precision, g, arch);
        return type.bytesFor(g.parameters(), g.rowLength());
    }
}
