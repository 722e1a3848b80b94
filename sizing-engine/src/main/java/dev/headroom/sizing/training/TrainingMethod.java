package dev.headroom.sizing.training;

import dev.headroom.sizing.quant.Names;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a model is fine-tuned. */
public enum TrainingMethod {
    /** Every weight trained. */
    FULL,
    /** Frozen 16-bit base weights plus trained low-rank adapters (Hu et al. 2021). */
    LORA,
    /** Frozen NF4 base weights with double quantization plus trained adapters (Dettmers et al. 2023). */
    QLORA;

    public static TrainingMethod parse(String text) {
        List<String> names = Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
        if (text != null) {
            for (TrainingMethod m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("train: unknown '" + text + "'; did you mean "
                + Names.nearest(String.valueOf(text), names) + "? valid: " + String.join(", ", names));
    }
}
