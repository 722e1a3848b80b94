package dev.headroom.sizing.workload;

/**
 * What a user runs: a batch of inputs of a size, at a precision. Zero (or -1 for {@code outputTokens})
 * means "the model's default" for each input size.
 *
 * @param batch inputs processed at once (images, sequences, audio files, prompts, rows)
 * @param resolution side of a square image in pixels (vision, diffusion); 0 = the model's reference
 * @param tokens tokens per text input or encoder input (encoders, encoder-decoders); 0 = the model's default
 * @param audioSeconds length of one audio input or of generated audio; 0 = 30 s (speech) / 10 s (generation)
 * @param outputTokens tokens the decoder generates per input (encoder-decoders); -1 = the model's default
 * @param steps diffusion sampler steps; 0 = the model's default
 * @param weightBytesPerParameter 4 (FP32), 2 (FP16/BF16), 1 (INT8), 0.5 (INT4)
 * @param activationBytes bytes per activation value: 4 (FP32) or 2 (FP16/BF16)
 * @param runtimeOverheadBytes fixed memory of the runtime on the device (CUDA context, ONNX Runtime arenas)
 * @param flashAttention attention without materialising the score matrix (PyTorch SDPA, flash attention)
 */
public record WorkloadRequest(int batch, int resolution, int tokens, double audioSeconds, int outputTokens, int steps,
                              double weightBytesPerParameter, int activationBytes, long runtimeOverheadBytes,
                              boolean flashAttention) {
    /**
     * A CUDA context plus a framework's workspaces on a GPU: ~300 MiB on current drivers (the same
     * DEFAULT assumption as the llama.cpp runtime profile), before any weights.
     */
    public static final long GPU_RUNTIME_BYTES = 300L << 20;
    /**
     * ONNX Runtime / PyTorch on a CPU: the native library, thread pools and allocator arenas beyond
     * weights and activations, ~100 MiB (DEFAULT; `headroom bench --model` measures the real figure).
     */
    public static final long CPU_RUNTIME_BYTES = 100L << 20;

    public WorkloadRequest {
        if (batch <= 0 || batch > 1_000_000) {
            throw new IllegalArgumentException("batch: must be within 1..1000000, was " + batch);
        }
        if (resolution < 0 || resolution > 16_384) {
            throw new IllegalArgumentException("resolution: must be within 0..16384 px, was " + resolution);
        }
        if (tokens < 0 || tokens > 1_048_576) {
            throw new IllegalArgumentException("tokens: must be within 0..1048576, was " + tokens);
        }
        if (!(audioSeconds >= 0 && audioSeconds <= 86_400)) {
            throw new IllegalArgumentException("audioSeconds: must be within 0..86400, was " + audioSeconds);
        }
        if (outputTokens < -1 || outputTokens > 1_048_576) {
            throw new IllegalArgumentException("outputTokens: must be -1 (default) or within 0..1048576, was " + outputTokens);
        }
        if (steps < 0 || steps > 10_000) {
            throw new IllegalArgumentException("steps: must be within 0..10000, was " + steps);
        }
        if (!(weightBytesPerParameter > 0 && weightBytesPerParameter <= 8)) {
            throw new IllegalArgumentException("weightBytesPerParameter: must be within (0, 8], was " + weightBytesPerParameter);
        }
        if (activationBytes != 2 && activationBytes != 4) {
            throw new IllegalArgumentException("activationBytes: must be 2 or 4, was " + activationBytes);
        }
        if (runtimeOverheadBytes < 0) {
            throw new IllegalArgumentException("runtimeOverheadBytes: must not be negative, was " + runtimeOverheadBytes);
        }
    }

    /** FP16 weights and activations with SDPA attention and a CUDA context: how GPUs serve these models. */
    public static WorkloadRequest gpu(int batch) {
        return new WorkloadRequest(batch, 0, 0, 0, -1, 0, 2, 2, GPU_RUNTIME_BYTES, true);
    }

    /** FP32 weights and activations, eager attention: ONNX Runtime / PyTorch defaults on a CPU. */
    public static WorkloadRequest cpu(int batch) {
        return new WorkloadRequest(batch, 0, 0, 0, -1, 0, 4, 4, CPU_RUNTIME_BYTES, false);
    }

    public WorkloadRequest withBatch(int n) {
        return new WorkloadRequest(n, resolution, tokens, audioSeconds, outputTokens, steps, weightBytesPerParameter,
                activationBytes, runtimeOverheadBytes, flashAttention);
    }

    public WorkloadRequest withResolution(int px) {
        return new WorkloadRequest(batch, px, tokens, audioSeconds, outputTokens, steps, weightBytesPerParameter,
                activationBytes, runtimeOverheadBytes, flashAttention);
    }

    public WorkloadRequest withTokens(int n) {
        return new WorkloadRequest(batch, resolution, n, audioSeconds, outputTokens, steps, weightBytesPerParameter,
                activationBytes, runtimeOverheadBytes, flashAttention);
    }

    public WorkloadRequest withAudioSeconds(double s) {
        return new WorkloadRequest(batch, resolution, tokens, s, outputTokens, steps, weightBytesPerParameter,
                activationBytes, runtimeOverheadBytes, flashAttention);
    }

    public WorkloadRequest withOutputTokens(int n) {
        return new WorkloadRequest(batch, resolution, tokens, audioSeconds, n, steps, weightBytesPerParameter,
                activationBytes, runtimeOverheadBytes, flashAttention);
    }

    public WorkloadRequest withSteps(int n) {
        return new WorkloadRequest(batch, resolution, tokens, audioSeconds, outputTokens, n, weightBytesPerParameter,
                activationBytes, runtimeOverheadBytes, flashAttention);
    }

    /** Weights at {@code weightBytes} per parameter, activations at {@code activationBytes}. */
    public WorkloadRequest withPrecision(double weightBytes, int activationBytesPerValue) {
        return new WorkloadRequest(batch, resolution, tokens, audioSeconds, outputTokens, steps, weightBytes,
                activationBytesPerValue, runtimeOverheadBytes, flashAttention);
    }

    public WorkloadRequest withRuntimeOverhead(long bytes) {
        return new WorkloadRequest(batch, resolution, tokens, audioSeconds, outputTokens, steps, weightBytesPerParameter,
                activationBytes, bytes, flashAttention);
    }
}
