package dev.headroom.sizing.memory;

import java.util.Locale;

/**
 * How a runtime spreads one model over several GPUs, which decides how the GPUs' bandwidth and compute add up.
 *
 * <ul>
 *   <li>{@link #LAYER}: each GPU holds a contiguous block of layers (llama.cpp {@code --split-mode layer}, its default
 *       since PR #4766 of January 2024; Ollama; Hugging Face {@code device_map="auto"}). One token passes through the
 *       GPUs one after another, so decode streams every weight at one GPU's bandwidth and gains nothing in speed, only
 *       memory; prompts are cut into micro-batches that run as a pipeline across the GPUs.</li>
 *   <li>{@link #ROW}: every layer's matrices are split across all GPUs (llama.cpp {@code --split-mode row}; tensor
 *       parallelism in vLLM). Each GPU reads and multiplies 1/n of every weight and they synchronise on every layer.</li>
 * </ul>
 */
public enum SplitMode {
    LAYER, ROW;

    /** {@code layer} or {@code row} (also {@code tensor}/{@code tp} for row), case-insensitive. */
    public static SplitMode parse(String text) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "layer", "pipeline", "pp" -> LAYER;
            case "row", "tensor", "tp" -> ROW;
            default -> throw new IllegalArgumentException("split mode: unknown '" + text + "'; valid: layer, row");
        };
    }

    /** The name as llama.cpp's {@code --split-mode} spells it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
