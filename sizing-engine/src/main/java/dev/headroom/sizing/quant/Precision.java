package dev.headroom.sizing.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A weight precision as a user names it: a plain float format, or a GGUF file type as llama.cpp spells
 * it ({@code Q4_K_M}). A GGUF file type is a <em>mix</em>: its {@link #baseType()} is the type of most
 * tensors and {@link TensorTypePlanner} decides the rest, as llama.cpp's quantizer does.
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
    IQ2_XXS(GgmlType.IQ2_XXS);

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
