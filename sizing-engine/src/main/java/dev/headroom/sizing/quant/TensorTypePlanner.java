package dev.headroom.sizing.quant;

import dev.headroom.sizing.model.ArchitectureFamily;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.TensorGroup;
import dev.headroom.sizing.model.TensorRole;

/**
 * Chooses the GGML type of each tensor for a GGUF file type, as llama.cpp's quantizer does
 * ({@code llama_tensor_get_type} in src/llama-quant.cpp, read at ggml-org/llama.cpp@007dbbf). The rules
 * modelled, each for a file produced without an importance matrix:
 * <ul>
 *   <li>vectors (norms, biases) are F32; the MoE router, position and token-type embeddings and relative
 *       position biases are never quantized and stay F32 (convert_hf_to_gguf.py writes them so);</li>
 *   <li>the output head (and a tied token embedding) is Q6_K, or Q8_0 for Q8_0 files, for Falcon, and
 *       when its rows are not whole blocks of the file's type; Q5_K for the IQ2/IQ3_XXS files;</li>
 *   <li>the token embedding of IQ2_XXS files is Q2_K, of IQ3_XXS files IQ3_S;</li>
 *   <li>attn_v: Q2_K gets Q4_K with GQA &ge; 4 (else Q3_K); Q3_K_M the first two Q5_K then Q4_K; Q3_K_L Q5_K;
 *       IQ4_XS Q5_K with GQA &ge; 4; Q4_K_M / Q5_K_M Q6_K on {@link #useMoreBits} layers; Q4_K_S the first four
 *       Q5_K; 70B-class models (80 layers) lift Q3_K/Q4_K to Q5_K; 8-expert models use Q8_0;</li>
 *   <li>attn_k of 8-expert models Q8_0; attn_q/attn_k of IQ3_XXS files IQ2_S;</li>
 *   <li>ffn_down: Q2_K gets Q3_K; Q3_K_M Q5_K for the first sixteenth then Q4_K (Falcon: Q3_K off the
 *       use_more_bits layers); Q3_K_L Q5_K (Falcon Q4_K); Q4_K_M Q6_K on use_more_bits layers (Falcon: Q6_K,
 *       Q5_K, Q4_K); Q5_K_M Q6_K on use_more_bits layers; Q4_K_S Q5_K for the first eighth (not Falcon);
 *       IQ4_XS Q5_K for the first eighth; IQ3_XXS Q4_K for the first eighth then Q3_K; IQ2_XXS Q2_K for the
 *       first eighth;</li>
 *   <li>attn_output: Q2_K Q3_K, Q3_K_M Q4_K, Q3_K_L Q5_K, IQ3_XXS IQ3_S (not Falcon); 8-expert models Q5_K
 *       for the low-bit mixes; Falcon Q3_K_L Q4_K;</li>
 *   <li>families whose checkpoints fuse q, k and v into one {@code attn_qkv} tensor (Phi-3, Falcon, GPT-2)
 *       get the attn_v type for all three;</li>
 *   <li>a row that is not a whole number of blocks falls back: IQ types to IQ4_NL, Q2_K/Q3_K to Q4_0,
 *       Q4_K to Q5_0, Q5_K to Q5_1, Q6_K to Q8_0, and to F16 when even that does not fit.</li>
 * </ul>
 */
public final class TensorTypePlanner {
    private TensorTypePlanner() {
    }

    public static GgmlType typeFor(Precision precision, TensorGroup group, ModelArchitecture arch) {
        if (precision == Precision.MXFP4_MOE) {
            return mxfp4Type(group.role(), group.perExpert(), group.rowLength());
        }
        return typeFor(precision, group.role(), group.layer(), group.rowLength(), arch);
    }

    /**
     * The type of one tensor in a GPT-OSS-style MXFP4 file: routed experts MXFP4 (the checkpoint's own format,
     * kept by convert_hf_to_gguf.py), vectors and never-quantized tensors F32, every other matrix Q8_0 (F16 where a
     * row is not whole blocks): ggml-org/gpt-oss-20b-GGUF holds 72 MXFP4 expert tensors (24 layers x gate, up,
     * down) and 98 Q8_0 matrices (24 x q, k, v, o plus the embedding and the head).
     */
    static GgmlType mxfp4Type(TensorRole role, boolean perExpert, long rowLength) {
        if (neverQuantized(role)) {
            return GgmlType.F32;
        }
        if (perExpert && GgmlType.MXFP4.fitsRow(rowLength)) {
            return GgmlType.MXFP4;
        }
        return GgmlType.Q8_0.fitsRow(rowLength) ? GgmlType.Q8_0 : GgmlType.F16;
    }

    /**
     * Tensors llama.cpp never quantizes and convert_hf_to_gguf.py writes in F32: vectors, the MoE router
     * ({@code ffn_gate_inp}), position/token-type embeddings, relative biases, attention sinks, the shared
     * expert gate, and the small state space tensors ({@code ssm_conv1d}, {@code ssm_a}, {@code ssm_d},
     * {@code ssm_x}, {@code ssm_dt}: llama-quant.cpp excludes them by name).
     */
    public static boolean neverQuantized(TensorRole role) {
        return switch (role) {
            case NORM, BIAS, MOE_ROUTER, POSITION_EMBEDDING, TOKEN_TYPE_EMBEDDING, RELATIVE_POSITION_BIAS,
                 ATTENTION_SINKS, SHARED_EXPERT_GATE, SSM_CONV, SSM_A, SSM_X, SSM_DT -> true;
            default -> false;
        };
    }

    /**
     * The type of one tensor.
     *
     * @param layer block index, -1 outside the blocks
     * @param rowLength the tensor's {@code ne[0]} (its inner dimension)
     */
    public static GgmlType typeFor(Precision precision, TensorRole role, int layer, long rowLength, ModelArchitecture arch) {
        if (neverQuantized(role)) {
            return GgmlType.F32;
        }
        if (precision == Precision.MXFP4_MOE) {
            // Without the group the expert flag is unknown; the routed FFN roles of an MoE layer are its experts.
            boolean routed = arch.isMoeLayer(Math.max(0, layer)) && layer >= 0
                    && (role == TensorRole.FFN_GATE || role == TensorRole.FFN_UP || role == TensorRole.FFN_DOWN);
            return mxfp4Type(role, routed, rowLength);
        }
        GgmlType base = precision.baseType();
        if (!precision.isGguf() || !base.isQuantized()) {
            return base;
        }
        if (arch.family().fusedQkv() && (role == TensorRole.ATTENTION_Q || role == TensorRole.ATTENTION_K)) {
            role = TensorRole.ATTENTION_V; // one attn_qkv tensor, typed by the attn_v rules
        }
        GgmlType chosen = switch (role) {
            case OUTPUT_HEAD -> outputType(precision, rowLength, arch);
            case TOKEN_EMBEDDING -> arch.tiedEmbeddings() && arch.family() != ArchitectureFamily.BERT
                    ? outputType(precision, rowLength, arch) : tokenEmbeddingType(precision);
            case ATTENTION_V -> attentionValueType(precision, layer, arch);
            case ATTENTION_K -> attentionKeyType(precision, arch);
            case ATTENTION_Q -> precision == Precision.IQ3_XXS ? GgmlType.IQ2_S : base;
            case ATTENTION_OUTPUT -> attentionOutputType(precision, arch);
            case FFN_DOWN -> ffnDownType(precision, layer, arch);
            default -> base;
        };
        return fallbackForRow(chosen, rowLength);
    }

    private static GgmlType outputType(Precision p, long rowLength, ModelArchitecture arch) {
        if (arch.family() == ArchitectureFamily.FALCON || !p.baseType().fitsRow(rowLength)) {
            return GgmlType.Q8_0;
        }
        if (p == Precision.IQ2_XXS || p == Precision.IQ3_XXS) {
            return GgmlType.Q5_K;
        }
        return p.baseType() == GgmlType.Q8_0 ? GgmlType.Q8_0 : GgmlType.Q6_K;
    }

    private static GgmlType tokenEmbeddingType(Precision p) {
        return switch (p) {
            case IQ2_XXS -> GgmlType.Q2_K;
            case IQ3_XXS -> GgmlType.IQ3_S;
            default -> p.baseType();
        };
    }

    private static GgmlType attentionValueType(Precision p, int layer, ModelArchitecture arch) {
        int gqa = arch.queryGroups();
        int experts = arch.experts();
        if (p == Precision.IQ2_XXS) {
            return gqa >= 4 || experts >= 4 ? GgmlType.Q4_K : GgmlType.Q2_K;
        }
        GgmlType t = switch (p) {
            case Q2_K -> gqa >= 4 ? GgmlType.Q4_K : GgmlType.Q3_K;
            case IQ3_XXS -> gqa >= 4 ? GgmlType.Q4_K : GgmlType.IQ3_S;
            case Q3_K_M -> layer < 2 ? GgmlType.Q5_K : GgmlType.Q4_K;
            case Q3_K_L -> GgmlType.Q5_K;
            case IQ4_XS -> gqa >= 4 ? GgmlType.Q5_K : p.baseType();
            case Q4_K_M, Q5_K_M -> useMoreBits(layer, arch.layers()) ? GgmlType.Q6_K : p.baseType();
            case Q4_K_S -> layer < 4 ? GgmlType.Q5_K : p.baseType();
            default -> p.baseType();
        };
        if (isSeventyBillionClass(arch) && (t == GgmlType.Q3_K || t == GgmlType.Q4_K)) {
            t = GgmlType.Q5_K; // attn_v is 8x smaller than attn_q with 8 KV heads: more bits cost little
        }
        if (experts == 8) {
            t = GgmlType.Q8_0;
        }
        return t;
    }

    private static GgmlType attentionKeyType(Precision p, ModelArchitecture arch) {
        if (p == Precision.IQ2_XXS) {
            return arch.experts() == 8 ? GgmlType.Q4_K : p.baseType();
        }
        if (arch.experts() == 8) {
            return GgmlType.Q8_0;
        }
        return p == Precision.IQ3_XXS ? GgmlType.IQ2_S : p.baseType();
    }

    private static GgmlType attentionOutputType(Precision p, ModelArchitecture arch) {
        if (p == Precision.IQ2_XXS) {
            return arch.experts() == 8 ? GgmlType.Q5_K : p.baseType();
        }
        if (arch.family() == ArchitectureFamily.FALCON) {
            return p == Precision.Q3_K_L ? GgmlType.Q4_K : p.baseType();
        }
        if (arch.experts() == 8) {
            return switch (p) {
                case Q2_K, IQ3_XXS, Q3_K_S, Q3_K_M, Q4_K_S, Q4_K_M, IQ4_XS -> GgmlType.Q5_K;
                default -> p.baseType();
            };
        }
        return switch (p) {
            case Q2_K -> GgmlType.Q3_K;
            case IQ3_XXS -> GgmlType.IQ3_S;
            case Q3_K_M -> GgmlType.Q4_K;
            case Q3_K_L -> GgmlType.Q5_K;
            default -> p.baseType();
        };
    }

    private static GgmlType ffnDownType(Precision p, int layer, ModelArchitecture arch) {
        int n = arch.layers();
        boolean falcon = arch.family() == ArchitectureFamily.FALCON;
        return switch (p) {
            case IQ2_XXS -> layer < n / 8 ? GgmlType.Q2_K : p.baseType();
            case Q2_K -> GgmlType.Q3_K;
            case IQ3_XXS -> layer < n / 8 ? GgmlType.Q4_K : GgmlType.Q3_K;
            case Q3_K_M -> layer < n / 16 ? GgmlType.Q5_K
                    : !falcon || useMoreBits(layer, n) ? GgmlType.Q4_K : GgmlType.Q3_K;
            case Q3_K_L -> falcon ? GgmlType.Q4_K : GgmlType.Q5_K;
            case Q4_K_M -> falcon
                    ? (layer < n / 16 ? GgmlType.Q6_K : useMoreBits(layer, n) ? GgmlType.Q5_K : GgmlType.Q4_K)
                    : (useMoreBits(layer, n) ? GgmlType.Q6_K : p.baseType());
            case IQ4_XS -> layer < n / 8 ? GgmlType.Q5_K : p.baseType();
            case Q5_K_M -> useMoreBits(layer, n) ? GgmlType.Q6_K : p.baseType();
            case Q4_K_S -> !falcon && layer < n / 8 ? GgmlType.Q5_K : p.baseType();
            default -> p.baseType();
        };
    }

    /**
     * Whether the type of a role can differ between layers (attn_v and ffn_down only); every other role
     * has one type in all blocks, so a sizer may compute it once and multiply.
     */
    public static boolean dependsOnLayer(TensorRole role, ModelArchitecture arch) {
        return role == TensorRole.ATTENTION_V || role == TensorRole.FFN_DOWN
                || (arch.family().fusedQkv() && (role == TensorRole.ATTENTION_Q || role == TensorRole.ATTENTION_K));
    }

    /** llama.cpp sizes Llama and Qwen2 models with 80 layers as {@code LLM_TYPE_70B} (src/llama-model.cpp). */
    static boolean isSeventyBillionClass(ModelArchitecture arch) {
        return arch.layers() == 80 && (arch.family() == ArchitectureFamily.LLAMA || arch.family() == ArchitectureFamily.QWEN2)
                && !arch.isMixtureOfExperts();
    }

    /** llama.cpp's {@code use_more_bits}: the first and last eighth of the layers, and every third in between. */
    static boolean useMoreBits(int layer, int layers) {
        return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
    }

    /** Rows that are not whole blocks fall back as llama.cpp's {@code tensor_type_fallback} does. */
    static GgmlType fallbackForRow(GgmlType type, long rowLength) {
        if (type.fitsRow(rowLength)) {
            return type;
        }
        GgmlType fallback = switch (type) {
            case IQ1_S, IQ1_M, IQ2_XXS, IQ2_XS, IQ2_S, IQ3_XXS, IQ3_S, IQ4_XS -> GgmlType.IQ4_NL;
            case Q2_K, Q3_K, TQ1_0, TQ2_0 -> GgmlType.Q4_0;
            case Q4_K -> GgmlType.Q5_0;
            case Q5_K -> GgmlType.Q5_1;
            case Q6_K -> GgmlType.Q8_0;
            default -> GgmlType.F16;
        };
        return fallback.fitsRow(rowLength) ? fallback : GgmlType.F16;
    }
}
