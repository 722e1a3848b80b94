package dev.headroom.advisor.check;

import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;

/**
 * One entry of a requirements file: a deployment and the thresholds it must meet.
 *
 * @param name unique within the file; the JUnit test case name
 * @param line the 1-based line where the entry starts in its file
 * @param model the resolved model
 * @param quant weight precision
 * @param contextTokens context per sequence, tokens
 * @param concurrency sequences served at once ({@link DeploymentRequest#sequences()})
 * @param kvCacheType element type of the KV cache (llama.cpp {@code --cache-type-k/v})
 * @param runtime the inference runtime's memory profile
 * @param device where it may run
 * @param minDecodeTokensPerSecond least decode speed per sequence, tokens/s (0: no threshold)
 * @param minPrefillTokensPerSecond least prompt-processing speed, tokens/s (0: no threshold)
 * @param minHeadroom memory that must stay free in the pool the model runs in
 * @param workload input and throughput thresholds of a model of another domain ({@link ResolvedModel#workload()}),
 *     null for LLMs; the LLM fields then hold their defaults and are not used
 */
public record Requirement(String name, int line, ResolvedModel model, Precision quant, long contextTokens, int concurrency,
                          GgmlType kvCacheType, RuntimeProfile runtime, DeviceSelection device,
                          double minDecodeTokensPerSecond, double minPrefillTokensPerSecond, HeadroomThreshold minHeadroom,
                          WorkloadRequirement workload) {
    /** An LLM requirement. */
    public Requirement(String name, int line, ResolvedModel model, Precision quant, long contextTokens, int concurrency,
                       GgmlType kvCacheType, RuntimeProfile runtime, DeviceSelection device,
                       double minDecodeTokensPerSecond, double minPrefillTokensPerSecond, HeadroomThreshold minHeadroom) {
        this(name, line, model, quant, contextTokens, concurrency, kvCacheType, runtime, device, minDecodeTokensPerSecond,
                minPrefillTokensPerSecond, minHeadroom, null);
    }

    /** A requirement on a model of another domain: only the device, headroom and workload apply. */
    public static Requirement workload(String name, int line, ResolvedModel model, DeviceSelection device, HeadroomThreshold minHeadroom,
                                       WorkloadRequirement workload) {
        return new Requirement(name, line, model, Precision.F32, 0, 1, GgmlType.F16, RuntimeProfile.LLAMA_CPP, device, 0, 0,
                minHeadroom, workload);
    }

    public Requirement {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: missing");
        }
        if (model == null || quant == null || kvCacheType == null || runtime == null || device == null || minHeadroom == null) {
            throw new IllegalArgumentException("model, quant, kvCacheType, runtime, device and minHeadroom are required");
        }
        if (!(minDecodeTokensPerSecond >= 0) || Double.isInfinite(minDecodeTokensPerSecond)) {
            throw new IllegalArgumentException("minDecodeTokensPerSecond: must be a finite number >= 0, was " + minDecodeTokensPerSecond);
        }
        if (!(minPrefillTokensPerSecond >= 0) || Double.isInfinite(minPrefillTokensPerSecond)) {
            throw new IllegalArgumentException("minPrefillTokensPerSecond: must be a finite number >= 0, was " + minPrefillTokensPerSecond);
        }
        if ((workload != null) != model.workload()) {
            throw new IllegalArgumentException(model.workload() ? "model: '" + model.reference() + "' is not an LLM; it needs a workload"
                    : "model: '" + model.reference() + "' is an LLM; workload keys do not apply");
        }
    }

    /** Whether this requirement is evaluated through the domain's workload model. */
    public boolean isWorkload() {
        return workload != null;
    }

    /** What the engine sizes (LLM requirements only). */
    public DeploymentRequest request() {
        if (workload != null) {
            throw new IllegalStateException(name + " is a workload requirement; it has no LLM deployment");
        }
        return new DeploymentRequest(model.architecture(), quant, contextTokens, concurrency, kvCacheType, runtime);
    }
}
