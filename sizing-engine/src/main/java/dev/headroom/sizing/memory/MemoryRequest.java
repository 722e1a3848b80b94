package dev.headroom.sizing.memory;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;

/**
 * An inference deployment to size, with every knob the memory model honours.
 *
 * @param model the architecture
 * @param precision weight precision (GGUF file type or checkpoint format)
 * @param contextTokens tokens of context per sequence, 1..{@link DeploymentRequest#MAX_CONTEXT}
 * @param sequences sequences held at once (batch / parallel slots), 1..{@link DeploymentRequest#MAX_SEQUENCES}
 * @param kvFormat element format of the KV cache
 * @param runtime the inference runtime
 * @param tensorParallel GPUs the model is split over (1 = one device); sizes are then per GPU
 */
public record MemoryRequest(ModelArchitecture model, Precision precision, long contextTokens, int sequences,
                            KvCacheFormat kvFormat, RuntimeProfile runtime, int tensorParallel) {
    /** More GPUs than any single tensor-parallel group uses in practice; catches typos. */
    public static final int MAX_TENSOR_PARALLEL = 1024;

    public MemoryRequest {
        if (model == null || precision == null || kvFormat == null || runtime == null) {
            throw new IllegalArgumentException("model, precision, kvFormat and runtime are required");
        }
        if (contextTokens <= 0 || contextTokens > DeploymentRequest.MAX_CONTEXT) {
            throw new IllegalArgumentException("context: must be within 1.." + DeploymentRequest.MAX_CONTEXT + " tokens, was " + contextTokens);
        }
        if (sequences <= 0 || sequences > DeploymentRequest.MAX_SEQUENCES) {
            throw new IllegalArgumentException("batch: must be within 1.." + DeploymentRequest.MAX_SEQUENCES + ", was " + sequences);
        }
        if (tensorParallel <= 0 || tensorParallel > MAX_TENSOR_PARALLEL) {
            throw new IllegalArgumentException("gpus: must be within 1.." + MAX_TENSOR_PARALLEL + ", was " + tensorParallel);
        }
        if (tensorParallel > 1 && model.attentionHeads() % tensorParallel != 0) {
            throw new IllegalArgumentException("gpus: " + tensorParallel + " does not divide the " + model.attentionHeads()
                    + " attention heads (tensor parallelism splits heads evenly)");
        }
    }

    /** One sequence, F16 cache, llama.cpp, one GPU. */
    public static MemoryRequest of(ModelArchitecture model, Precision precision, long contextTokens) {
        return new MemoryRequest(model, precision, contextTokens, 1, KvCacheFormat.F16, RuntimeProfile.LLAMA_CPP, 1);
    }

    /** The same deployment described by the foundation's request type. */
    public static MemoryRequest from(DeploymentRequest r) {
        return new MemoryRequest(r.model(), r.precision(), r.contextTokens(), r.sequences(),
                KvCacheFormat.of(r.kvCacheType()), r.runtime(), 1);
    }

    public MemoryRequest withPrecision(Precision p) {
        return new MemoryRequest(model, p, contextTokens, sequences, kvFormat, runtime, tensorParallel);
    }

    public MemoryRequest withContext(long tokens) {
        return new MemoryRequest(model, precision, tokens, sequences, kvFormat, runtime, tensorParallel);
    }

    public MemoryRequest withSequences(int n) {
        return new MemoryRequest(model, precision, contextTokens, n, kvFormat, runtime, tensorParallel);
    }

    public MemoryRequest withTensorParallel(int gpus) {
        return new MemoryRequest(model, precision, contextTokens, sequences, kvFormat, runtime, gpus);
    }
}
