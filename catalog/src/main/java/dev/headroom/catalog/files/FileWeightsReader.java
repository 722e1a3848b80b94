package dev.headroom.catalog.files;

import dev.headroom.sizing.model.FileWeights;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exact weight bytes of a model file as the engine uses them ({@link FileWeights}): its precision, the bytes
 * of each block, of the tensors outside the blocks and of the token-embedding table, and the bytes one token
 * reads, all from the file's tensor table.
 *
 * <p>GGUF tensor names follow llama.cpp's {@code gguf-py/gguf/constants.py} ({@code blk.N.*}, {@code token_embd},
 * routed experts {@code *_exps}, shared experts {@code *_shexp}); safetensors names follow the Hugging Face
 * checkpoints ({@code model.layers.N.*}, {@code embed_tokens}, {@code mlp.experts.E.*}). The file's precision is
 * GGUF {@code general.file_type} ({@code enum llama_ftype} in llama.cpp {@code include/llama.h}), else the type
 * holding most of the bytes.
 */
public final class FileWeightsReader {
    private static final Pattern GGUF_BLOCK = Pattern.compile("^blk\\.(\\d{1,6})\\.");
    private static final Pattern HF_BLOCK = Pattern.compile("(?:^|\\.)(?:layers|h|blocks|layer)\\.(\\d{1,6})\\.");
    private static final Pattern HF_EXPERT = Pattern.compile("\\.experts\\.\\d+\\.|\\.experts\\.(?:gate_up_proj|down_proj|gate_proj|up_proj)");

    private FileWeightsReader() {
    }

    /**
     * The precision a GGUF {@code general.file_type} names, or null for a type headroom has no precision for.
     * Values: llama.cpp {@code include/llama.h}, {@code enum llama_ftype} (ALL_F32 = 0, MOSTLY_F16 = 1, Q4_0 = 2,
     * Q4_1 = 3, Q8_0 = 7, Q5_0 = 8, Q5_1 = 9, Q2_K = 10, Q3_K_S/M/L = 11/12/13, Q4_K_S/M = 14/15, Q5_K_S/M = 16/17,
     * Q6_K = 18, IQ2_XXS = 19, IQ3_XXS = 23, IQ4_XS = 30, BF16 = 32, MXFP4_MOE = 38).
     */
    public static Precision ggufFileType(long fileType) {
        return switch ((int) fileType) {
            case 0 -> Precision.F32;
            case 1 -> Precision.F16;
            case 2 -> Precision.Q4_0;
            case 3 -> Precision.Q4_1;
            case 7 -> Precision.Q8_0;
            case 8 -> Precision.Q5_0;
            case 9 -> Precision.Q5_1;
            case 10 -> Precision.Q2_K;
            case 11 -> Precision.Q3_K_S;
            case 12 -> Precision.Q3_K_M;
            case 13 -> Precision.Q3_K_L;
            case 14 -> Precision.Q4_K_S;
            case 15 -> Precision.Q4_K_M;
            case 16 -> Precision.Q5_K_S;
            case 17 -> Precision.Q5_K_M;
            case 18 -> Precision.Q6_K;
            case 19 -> Precision.IQ2_XXS;
            case 23 -> Precision.IQ3_XXS;
            case 30 -> Precision.IQ4_XS;
            case 32 -> Precision.BF16;
            case 38 -> Precision.MXFP4_MOE;
            default -> null;
        };
    }

    /**
     * A GGUF file's precision: {@code general.file_type} when it names one, else the GGUF precision whose base type
     * holds most of the matrices' bytes.
     *
     * @param notes receives how the precision was found when it is not the file type
     */
    public static Precision ggufPrecision(GgufFile g, List<GgufTensor> tensors, List<String> notes) {
        long fileType = g.integer("general.file_type");
        Precision p = fileType >= 0 ? ggufFileType(fileType) : null;
        if (p != null) {
            return p;
        }
        Map<GgmlType, Long> matrices = new EnumMap<>(GgmlType.class);
        for (GgufTensor t : tensors) {
            if (t.dims().size() >= 2) {
                matrices.merge(t.type(), t.bytes(), Long::sum);
            }
        }
        GgmlType dominant = matrices.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        for (Precision q : Precision.values()) {
            if (q.isGguf() && q.baseType() == dominant) {
                notes.add("precision " + q + " from the dominant tensor type " + dominant
                        + (fileType >= 0 ? " (general.file_type " + fileType + " has no headroom precision)" : " (no general.file_type)"));
                return q;
            }
        }
        notes.add("no precision: general.file_type " + fileType + ", dominant tensor type " + dominant);
        return null;
    }

    /** A safetensors checkpoint's precision: its quantization method, else the dtype holding most bytes. */
    public static Precision safetensorsPrecision(HfConfig cfg, Map<String, Long> bytesByDtype) {
        String method = cfg == null ? "" : cfg.quantMethod().toLowerCase(Locale.ROOT);
        String dominant = bytesByDtype.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        switch (method) {
            case "gptq": return Precision.GPTQ_INT4;
            case "awq": return Precision.AWQ_INT4;
            case "bitsandbytes": return dominant.equals("I8") ? Precision.BNB_INT8 : Precision.BNB_NF4;
            case "mxfp4": return Precision.MXFP4_MOE;
            default: break;
        }
        return switch (dominant) {
            case "BF16" -> Precision.BF16;
            case "F16" -> Precision.F16;
            case "F32" -> Precision.F32;
            case "F8_E4M3" -> Precision.FP8_E4M3;
            case "F8_E5M2" -> Precision.FP8_E5M2;
            case "I8" -> Precision.INT8;
            default -> null;
        };
    }

    /** One tensor as the sizer sees it. */
    record Tensor(String name, long bytes, long rows) {
    }

    static List<Tensor> ofGguf(List<GgufTensor> tensors) {
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (GgufTensor t : tensors) {
            // GGUF dims are innermost first: a [n_embd, n_vocab] table has n_vocab rows.
            long rows = t.dims().size() >= 2 ? t.dims().get(1) : 1;
            out.add(new Tensor(t.name(), t.bytes(), rows));
        }
        return out;
    }

    static List<Tensor> ofSafetensors(List<SafetensorsHeader> shards) {
        List<Tensor> out = new ArrayList<>();
        for (SafetensorsHeader h : shards) {
            for (SafetensorsTensor t : h.tensors()) {
                // safetensors shapes are outermost first: a [vocab, hidden] table has vocab rows.
                out.add(new Tensor(t.name(), t.bytes(), t.shape().isEmpty() ? 1 : t.shape().get(0)));
            }
        }
        return out;
    }

    /**
     * The exact weights of a file for an architecture read from it.
     *
     * @param gguf whether names follow GGUF ({@code blk.N.}) or Hugging Face conventions
     * @return null when the tensor table does not match the architecture's blocks (then the engine computes)
     */
    static FileWeights of(ModelArchitecture arch, Precision precision, List<Tensor> tensors, boolean gguf,
                          Map<GgmlType, Long> bytesByType, String source, List<String> notes) {
        if (precision == null || tensors.isEmpty()) {
            return null;
        }
        long[] layers = new long[arch.layers()];
        long outside = 0;
        long embedding = 0;
        double perToken = 0;
        double expertShare = arch.isMixtureOfExperts() ? (double) arch.expertsPerToken() / arch.experts() : 1.0;
        int blockTensors = 0;
        for (Tensor t : tensors) {
            String n = t.name();
            int layer = block(n, gguf);
            if (layer >= 0 && layer < layers.length) {
                layers[layer] = Math.addExact(layers[layer], t.bytes());
                blockTensors++;
                perToken += routedExpert(n, gguf) ? t.bytes() * expertShare : t.bytes();
                continue;
            }
            outside = Math.addExact(outside, t.bytes());
            if (tokenEmbedding(n, gguf)) {
                embedding = Math.addExact(embedding, t.bytes());
                // One row per token, unless the table is also the output head (read whole).
                perToken += arch.tiedEmbeddings() ? t.bytes() : (double) t.bytes() / Math.max(1, t.rows());
            } else if (positionTable(n)) {
                perToken += (double) t.bytes() / Math.max(1, t.rows());
            } else {
                perToken += t.bytes();
            }
        }
        if (blockTensors == 0) {
            notes.add("no block tensors named " + (gguf ? "blk.N." : "layers.N.") + ": weights computed from the shape");
            return null;
        }
        List<Long> perLayer = new ArrayList<>(layers.length);
        long total = outside;
        for (long b : layers) {
            perLayer.add(b);
            total = Math.addExact(total, b);
        }
        return new FileWeights(precision, total, outside, embedding, perLayer, Math.min(total, Math.round(perToken)),
                bytesByType, source);
    }

    static int block(String name, boolean gguf) {
        if (!gguf) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("vision") || lower.contains("visual") || lower.contains("audio") || lower.contains("mm_projector")
                    || lower.startsWith("mtp.")) {
                return -1;
            }
        }
        Matcher m = (gguf ? GGUF_BLOCK : HF_BLOCK).matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static boolean routedExpert(String name, boolean gguf) {
        return gguf ? name.contains("_exps.") : HF_EXPERT.matcher(name).find() && !name.contains("shared_expert");
    }

    static boolean tokenEmbedding(String name, boolean gguf) {
        if (gguf) {
            return name.equals("token_embd.weight");
        }
        return name.endsWith("embed_tokens.weight") || name.endsWith("wte.weight") || name.endsWith("word_embeddings.weight")
                || name.endsWith("tok_embeddings.weight");
    }

    private static boolean positionTable(String name) {
        return name.equals("position_embd.weight") || name.endsWith("wpe.weight") || name.endsWith("position_embeddings.weight")
                || name.equals("token_types.weight") || name.endsWith("token_type_embeddings.weight");
    }
}
