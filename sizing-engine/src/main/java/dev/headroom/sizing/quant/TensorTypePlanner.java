package dev.headroom.sizing.quant;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.TensorGroup;

/**
 * Chooses the GGML type of each tensor group for a file-level precision, following llama.cpp's
 * quantizer ({@code llama_tensor_get_type} in src/llama-quant.cpp): vectors stay F32, the output head
 * and some attention-value / feed-forward-down layers get a larger type in the {@code _M}/{@code _L}
 * mixes, and a row that is not a whole number of blocks falls back to a type that fits it.
 */
public final class TensorTypePlanner {
    private TensorTypePlanner() {
    }

    public static GgmlType typeFor(Precision precision, TensorGroup group, ModelArchitecture arch) {
        if (group.isVector()) {
            return GgmlType.F32;
        }
        GgmlType base = precision.baseType();
        if (!base.isQuantized()) {
            return base;
        }
        GgmlType chosen = switch (group.role()) {
            case OUTPUT_HEAD -> outputType(precision);
            case TOKEN_EMBEDDING -> arch.tiedEmbeddings() ? outputType(precision) : base;
            case ATTENTION_V -> attentionValueType(precision, group.layer(), arch.layers());
            case FFN_DOWN -> ffnDownType(precision, group.layer(), arch.layers());
            case MOE_ROUTER, POSITION_EMBEDDING -> GgmlType.F32;
            default -> base;
        };
        return fallbackForRow(chosen, group.rowLength());
    }

    private static GgmlType outputType(Precision p) {
        return switch (p) {
            case Q8_0 -> GgmlType.Q8_0;
            case Q4_0, Q4_1, Q5_0, Q5_1 -> GgmlType.Q6_K;
            default -> GgmlType.Q6_K;
        };
    }

    private static GgmlType attentionValueType(Precision p, int layer, int layers) {
        return switch (p) {
            case Q4_K_M, Q5_K_M -> useMoreBits(layer, layers) ? GgmlType.Q6_K : p.baseType();
            case Q3_K_M -> layer < 2 ? GgmlType.Q5_K : GgmlType.Q4_K;
            case Q3_K_L -> GgmlType.Q5_K;
            case Q2_K -> GgmlType.Q4_K;
            case Q4_K_S -> layer < layers / 8 ? GgmlType.Q5_K : p.baseType();
            default -> p.baseType();
        };
    }

    private static GgmlType ffnDownType(Precision p, int layer, int layers) {
        return switch (p) {
            case Q4_K_M, Q5_K_M -> useMoreBits(layer, layers) ? GgmlType.Q6_K : p.baseType();
            case Q3_K_M -> layer < layers / 16 ? GgmlType.Q5_K : useMoreBits(layer, layers) ? GgmlType.Q4_K : GgmlType.Q3_K;
            case Q3_K_L -> GgmlType.Q5_K;
            case Q2_K -> GgmlType.Q3_K;
            case Q4_K_S -> layer < layers / 8 ? GgmlType.Q5_K : p.baseType();
            default -> p.baseType();
        };
    }

    /** llama.cpp's {@code use_more_bits}: the first and last eighth of the layers, and every third in between. */
    static boolean useMoreBits(int layer, int layers) {
        return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
    }

    /** Rows that are not whole K-quant super-blocks fall back, as llama.cpp does (Q4_K -> Q5_0, Q6_K -> Q8_0, ...). */
    static GgmlType fallbackForRow(GgmlType type, long rowLength) {
        if (type.fitsRow(rowLength)) {
            return type;
        }
        GgmlType fallback = switch (type) {
            case Q2_K, Q3_K, IQ2_XXS, IQ2_XS, IQ2_S, IQ3_XXS, IQ3_S, IQ1_S, IQ1_M, TQ1_0, TQ2_0 -> GgmlType.IQ4_NL;
            case Q4_K, IQ4_XS -> GgmlType.Q5_0;
            case Q5_K -> GgmlType.Q5_1;
            case Q6_K -> GgmlType.Q8_0;
            default -> GgmlType.F16;
        };
        return fallback.fitsRow(rowLength) ? fallback : GgmlType.F16;
    }
}
