package dev.headroom.advisor.check;

import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.CatalogWorkload;
import dev.headroom.sizing.workload.ThroughputUnit;
import dev.headroom.sizing.workload.WorkloadModel;
import dev.headroom.sizing.workload.WorkloadRequest;

/**
 * The part of a requirement that only models of other domains have (vision, speech, embeddings, diffusion,
 * audio generation, time series, tabular): the input they are sized for and the throughput thresholds, each in
 * the domain's own unit. Zero means "the model's default" for input sizes and "no threshold" for thresholds.
 *
 * @param batch inputs processed at once
 * @param resolution side of a square image in pixels (vision, diffusion); 0 = the model's reference
 * @param tokens tokens per text input (encoders, encoder-decoders); 0 = the model's default
 * @param audioSeconds length of one audio input or of generated audio; 0 = the model's default
 * @param steps diffusion sampler steps; 0 = the model's default
 * @param minImagesPerSecond least images per second (classification, detection, segmentation, diffusion)
 * @param maxRealTimeFactor most processing seconds per second of audio for one stream (speech, audio generation)
 * @param minInputsPerSecond least inputs per second in any domain (texts, images, audio files, series, tables)
 * @param minRowsPerSecond least rows per second (tabular models)
 */
public record WorkloadRequirement(int batch, int resolution, int tokens, double audioSeconds, int steps,
                                  double minImagesPerSecond, double maxRealTimeFactor, double minInputsPerSecond,
                                  double minRowsPerSecond) {
    public WorkloadRequirement {
        request(batch, resolution, tokens, audioSeconds, steps); // the engine's bounds, one message per field
        for (double v : new double[] {minImagesPerSecond, maxRealTimeFactor, minInputsPerSecond, minRowsPerSecond}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("throughput thresholds must be finite numbers >= 0, was " + v);
            }
        }
    }

    /** Batch 1 at every model default, no thresholds. */
    public static WorkloadRequirement defaults() {
        return new WorkloadRequirement(1, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** What the advisor sizes (it picks the device's precision itself). */
    public WorkloadRequest request() {
        return request(batch, resolution, tokens, audioSeconds, steps);
    }

    private static WorkloadRequest request(int batch, int resolution, int tokens, double audioSeconds, int steps) {
        return WorkloadRequest.cpu(batch).withResolution(resolution).withTokens(tokens).withAudioSeconds(audioSeconds).withSteps(steps);
    }

    /**
     * The unit a catalog model's throughput comes out in (the kind of {@code Throughput} the engine returns for its
     * shape): an encoder-decoder with a mel front end (Whisper) is speech, whatever its catalog domain.
     *
     * @throws IllegalArgumentException when the entry has no workload model (LLMs)
     */
    public static ThroughputUnit unitOf(CatalogModel model) {
        WorkloadModel shape = shapeOf(model);
        return shape instanceof WorkloadModel.EncoderDecoder ed && ed.audio() ? ThroughputUnit.AUDIO : shape.unit();
    }

    /** The workload shape of a catalog model. */
    public static WorkloadModel shapeOf(CatalogModel model) {
        return CatalogWorkload.of(model).orElseThrow(() -> new IllegalArgumentException(
                "model: '" + model.id() + "' has no workload model (an LLM, API-only, or without published shape)")).model();
    }

    /** Whether its throughput has a real-time factor (speech recognition, audio generation). */
    public static boolean hasRealTimeFactor(ThroughputUnit unit) {
        return unit == ThroughputUnit.AUDIO || unit == ThroughputUnit.GENERATED_AUDIO;
    }
}
