package dev.headroom.sizing.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A weight precision as a user names it: a plain float format, a GGUF file type as llama.cpp spells
 * it ({@code Q4_K_M}), or a checkpoint format of the PyTorch world (FP8, INT8, GPTQ/AWQ INT4,
 * bitsandbytes). A GGUF file type is a <em>mix</em>: its {@link #baseType()} is the type of most
 * tensors and {@link TensorTypePlanner} decides the rest, as llama.cpp's quantizer does. A checkpoint
 * format's bytes per tensor come from {@link CheckpointFormat}; its {@code baseType} is only the GGML
 * type with the nearest element width (for code that asks "how many bits per weight, roughly").
 */
public enum Precision {
    F32(GgmlType.F32),
    F16(GgmlType.F16),
    BF16(GgmlType.BF16),
    Q8_0(GgmlType.Q8_0),
    Q6_K(GgmlType.Q6_K),
    Q5_K_M(GgmlType.Q5_K),
    Q5_K_S(GgmlType.Q5_K),
    Q5_1(GgmlType.Q5_1),
    Q5_0(GgmlType.Q5_0),
    Q4_K_M(GgmlType.Q4_K),
    Q4_K_S(GgmlType.Q4_K),
    Q4_1(GgmlType.Q4_1),
    Q4_0(GgmlType.Q4_0),
    IQ4_XS(GgmlType.IQ4_XS),
    Q3_K_L(GgmlType.Q3_K),
    Q3_K_M(GgmlType.Q3_K),
    Q3_K_S(GgmlType.Q3_K),
    IQ3_XXS(GgmlType.IQ3_XXS),
    Q2_K(GgmlType.Q2_K),
    IQ2_XXS(GgmlType.IQ2_XXS),
    /**
     * GGUF {@code MXFP4_MOE} (llama.cpp file type 38) as published for GPT-OSS: routed expert tensors in MXFP4
     * (the checkpoint's own format), every other matrix in Q8_0, vectors in F32.
     */
    MXFP4_MOE(GgmlType.MXFP4),
    /** FP8 E4M3 weights with a per-tensor FP32 scale (vLLM / llm-compressor FP8 checkpoints). */
    FP8_E4M3(GgmlType.I8),
    /** FP8 E5M2 weights with a per-tensor FP32 scale. */
    FP8_E5M2(GgmlType.I8),
    /** INT8 weights with one FP16 scale per output channel (W8A16 / W8A8 checkpoints). */
    INT8(GgmlType.I8),
    /** GPTQ 4-bit, group size 128: packed int32 weights, FP16 scales and 4-bit zeros per group, int32 g_idx. */
    GPTQ_INT4(GgmlType.Q4_0),
    /** AWQ 4-bit, group size 128: packed weights, FP16 scales and 4-bit zeros per group. */
    AWQ_INT4(GgmlType.Q4_0),
    /** bitsandbytes LLM.int8(): int8 weights with one FP32 scale per output row. */
    BNB_INT8(GgmlType.I8),
    /** bitsandbytes NF4 with double quantization (QLoRA): 4-bit codes, 8-bit block absmax per 64, FP32 per 256 blocks. */
    BNB_NF4(GgmlType.Q4_0);

    /** The ladder the main job walks, best quality first. */
    public static final List<Precision> DEFAULT_LADDER = List.of(F16, Q8_0, Q6_K, Q5_K_M, Q4_K_M, Q4_0, Q3_K_M, Q2_K);

    private final GgmlType baseType;

    Precision(GgmlType baseType) {
        this.baseType = baseType;
    }

    /** The type of most weight matrices in a file of this precision. */
    public GgmlType baseType() {
        return baseType;
    }

    /** Whether this names a GGUF file type (quantized per llama.cpp's rules), as opposed to a checkpoint format. */
    public boolean isGguf() {
        return ordinal() <= MXFP4_MOE.ordinal();
    }

    /** The name as llama.cpp prints it. */
    public String displayName() {
        return name();
    }

    /**
     * Case-insensitive lookup ({@code q4_k_m}, {@code Q4_K_M}, {@code fp16} all work).
     *
     * @throws IllegalArgumentException listing the valid names and the nearest one
     */
    public static Precision parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("quant: missing value; valid: " + names());
        }
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        switch (key) {
            case "FP32": return F32;
            case "FP16": case "HALF": return F16;
            case "FP8": case "E4M3": case "FP8_E4M3FN": return FP8_E4M3;
            case "E5M2": return FP8_E5M2;
            case "GPTQ": case "INT4": return GPTQ_INT4;
            case "AWQ": return AWQ_INT4;
            case "NF4": case "BNB_4BIT": case "QLORA": return BNB_NF4;
            case "LLM.INT8": case "BNB_8BIT": return BNB_INT8;
            case "MXFP4": return MXFP4_MOE;
            default: break;
        }
        for (Precision p : values()) {
            if (p.name().equals(key)) {
                return p;
            }
        }
        List<String> names = names();
        throw new IllegalArgumentException("quant: unknown '" + text + "'; did you mean " + Names.nearest(key, names)
                + "? valid: " + String.join(", ", names));
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Precision p : values()) {
            names.add(p.name());
        }
        return names;
    }
}
