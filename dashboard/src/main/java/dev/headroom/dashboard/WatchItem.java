package dev.headroom.dashboard;

import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.quant.Precision;

/**
 * One deployment the server watches and exports to Prometheus: a catalog model at a precision and a
 * context length. Each item becomes one label set of {@code headroom_model_*} metrics.
 *
 * @param model a catalog id or alias as the user typed it
 * @param precision the weight precision
 * @param contextTokens tokens of context for one sequence
 */
public record WatchItem(String model, Precision precision, long contextTokens) {
    public WatchItem {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("watch: model missing");
        }
        model = model.trim();
        if (precision == null) {
            throw new IllegalArgumentException("watch: precision missing for '" + model + "'");
        }
        if (contextTokens <= 0 || contextTokens > DeploymentRequest.MAX_CONTEXT) {
            throw new IllegalArgumentException("watch: context must be within 1.." + DeploymentRequest.MAX_CONTEXT
                    + " tokens, was " + contextTokens);
        }
    }

    /**
     * Parses {@code model:precision:context}, e.g. {@code llama-3-8b:Q4_K_M:8192}. The context may be
     * left out ({@code llama-3-8b:Q4_K_M}, 4096 tokens) and the precision too ({@code llama-3-8b}, Q4_K_M).
     */
    public static WatchItem parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("watch: empty entry; expected model:precision:context");
        }
        String[] parts = text.trim().split(":", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("watch: '" + text + "' has too many ':' parts; expected model:precision:context");
        }
        Precision precision = parts.length > 1 ? Precision.parse(parts[1]) : Precision.Q4_K_M;
        long context = 4096;
        if (parts.length > 2) {
            try {
                context = Long.parseLong(parts[2].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("watch: context in '" + text + "' is not a whole number: '" + parts[2] + "'");
            }
        }
        return new WatchItem(parts[0], precision, context);
    }

    /** The form {@link #parse} reads. */
    @Override
    public String toString() {
        return model + ":" + precision.displayName() + ":" + contextTokens;
    }
}
