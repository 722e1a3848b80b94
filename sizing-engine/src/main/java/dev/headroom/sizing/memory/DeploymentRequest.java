package dev.headroom.sizing.memory;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;

/**
 * What a user wants to run.
 *
 * @param model the architecture
 * @param precision weight precision
 * @param contextTokens tokens of context per sequence
 * @param sequences sequences served at once (batch / parallel slots)
 * @param kvCacheType element type of the KV cache
 * @param runtime the inference runtime
 */
public record DeploymentRequest(ModelArchitecture model, Precision precision, long contextTokens, int sequences,
                                GgmlType kvCacheType, RuntimeProfile runtime) {
    /** Longest context accepted: 100M tokens, far beyond any model, to catch typos before arithmetic. */
    public static final long MAX_CONTEXT = 100_000_000L;
    public static final int MAX_SEQUENCES = 1_000_000;

    public DeploymentRequest {
        if (model == null || precision == null || kvCacheType == null || runtime == null) {
            throw new IllegalArgumentException("model, precision, kvCacheType and runtime are required");
        }
        if (contextTokens <= 0 || contextTokens > MAX_CONTEXT) {
            throw new IllegalArgumentException("context: must be within 1.." + MAX_CONTEXT + " tokens, was " + contextTokens);
        }
        if (sequences <= 0 || sequences > MAX_SEQUENCES) {
            throw new IllegalArgumentException("batch: must be within 1.." + MAX_SEQUENCES + ", was " + sequences);
        }
    }

    /** One sequence, F16 KV cache, llama.cpp. */
    public static DeploymentRequest of(ModelArchitecture model, Precision precision, long contextTokens) {
        return new DeploymentRequest(model, precision, contextTokens, 1, GgmlType.F16, RuntimeProfile.LLAMA_CPP);
    }

    public DeploymentRequest withPrecision(Precision p) {
        return new DeploymentRequest(model, p, contextTokens, sequences, kvCacheType, runtime);
    }
}
