package dev.headroom.sizing.workload;

/**
 * A batch inference workload of a non-LLM model (encoder, CNN, ViT, diffusion U-Net, speech model),
 * described by the numbers a catalog publishes for it.
 *
 * @param name what runs, for notes
 * @param parameters weights of the model
 * @param bytesPerParameter 4 (FP32), 2 (FP16/BF16), 1 (INT8)
 * @param activationBytesPerInput peak activation memory of one input at the reference input size, in
 *     the same precision (the catalog states it, or {@link ActivationEstimates} derives it)
 * @param flopsPerInput floating-point operations for one input at the reference size (for speed; 0 if unknown)
 * @param batch inputs processed at once
 */
public record InferenceWorkload(String name, long parameters, int bytesPerParameter, long activationBytesPerInput,
                                double flopsPerInput, int batch) {
    public InferenceWorkload {
        name = name == null ? "model" : name;
        if (parameters <= 0) {
            throw new IllegalArgumentException("parameters: must be positive, was " + parameters);
        }
        if (bytesPerParameter != 1 && bytesPerParameter != 2 && bytesPerParameter != 4) {
            throw new IllegalArgumentException("bytesPerParameter: must be 1, 2 or 4, was " + bytesPerParameter);
        }
        if (activationBytesPerInput < 0) {
            throw new IllegalArgumentException("activationBytesPerInput: must not be negative, was " + activationBytesPerInput);
        }
        if (!(flopsPerInput >= 0) || Double.isInfinite(flopsPerInput)) {
            throw new IllegalArgumentException("flopsPerInput: must be a finite non-negative number, was " + flopsPerInput);
        }
        if (batch <= 0 || batch > 1_000_000) {
            throw new IllegalArgumentException("batch: must be within 1..1000000, was " + batch);
        }
    }

    public InferenceWorkload withBatch(int n) {
        return new InferenceWorkload(name, parameters, bytesPerParameter, activationBytesPerInput, flopsPerInput, n);
    }
}
