package dev.headroom.catalog;

import java.util.List;
import java.util.Map;

/**
 * What the catalog knows about a model beyond {@link CatalogModel}'s core: how exact its parameter count
 * is, the shape of models the engine's decoder {@code ModelArchitecture} cannot describe (encoders,
 * encoder-decoders, CNNs, diffusion), per-input compute and memory, and where it is downloaded.
 *
 * @param parameterBasis how exact {@link CatalogModel#parameters()} is
 * @param shape named integer facts of the network ({@code encoderLayers}, {@code decoderLayers},
 *              {@code hiddenSize}, {@code attentionHeads}, {@code intermediateSize}, {@code vocabSize},
 *              {@code maxContext}, {@code imageSize}, {@code patchSize}, {@code mels} ...), empty when
 *              the architecture says it all
 * @param referenceInput the input the per-input numbers refer to ({@code 224x224 RGB}, {@code 30 s audio})
 * @param gflopsPerInput forward-pass work for one reference input in GFLOP (10^9), as its source counts it
 *                       (see {@code gflopsAreMultiplyAdds}); -1 when unknown
 * @param activationBytesEstimate estimated peak activation memory of one reference input at FP32 in inference,
 *                                bytes; -1 when unknown. Always an estimate.
 * @param embeddingDimension output vector width for embedding models, 0 otherwise
 * @param downloadBytes size of the published weights file(s) in bytes, -1 when unknown
 * @param sizeTiers model size by training rows for data-dependent (classical) models, empty otherwise
 * @param downloads where it is downloaded from and cached on disk
 * @param notes caveats in one line, "" when none
 * @param gflopsAreMultiplyAdds whether {@code gflopsPerInput} counts one multiply-add as one FLOP (torchvision,
 *                              fvcore, mmcv: catalog field {@code gflopsCounts: multiply-adds}, the default) or
 *                              as two (Ultralytics' {@code get_flops} doubles thop's MACs: {@code gflopsCounts: flops})
 */
public record ModelDetails(ParameterBasis parameterBasis, Map<String, Long> shape, String referenceInput,
                           double gflopsPerInput, long activationBytesEstimate, int embeddingDimension, long downloadBytes,
                           List<SizeTier> sizeTiers, List<String> downloads, String notes, boolean gflopsAreMultiplyAdds) {
    /** Details of an entry that states nothing beyond its core fields. */
    public static final ModelDetails NONE = new ModelDetails(ParameterBasis.EXACT, Map.of(), "", -1, -1, 0, -1,
            List.of(), List.of(), "");

    /** Details whose FLOPs count multiply-adds (the original signature, kept for callers). */
    public ModelDetails(ParameterBasis parameterBasis, Map<String, Long> shape, String referenceInput, double gflopsPerInput,
                        long activationBytesEstimate, int embeddingDimension, long downloadBytes, List<SizeTier> sizeTiers,
                        List<String> downloads, String notes) {
        this(parameterBasis, shape, referenceInput, gflopsPerInput, activationBytesEstimate, embeddingDimension, downloadBytes,
                sizeTiers, downloads, notes, true);
    }

    /** Real FLOPs (one multiply-add = 2) of one reference input, -1 when unknown. */
    public double flopsPerInput() {
        if (gflopsPerInput <= 0) {
            return -1;
        }
        return gflopsPerInput * 1e9 * (gflopsAreMultiplyAdds ? 2 : 1);
    }

    /** An integer fact of the shape, or {@code fallback} when absent. */
    public long shapeOr(String key, long fallback) {
        Long v = shape.get(key);
        return v == null ? fallback : v;
    }

    public ModelDetails {
        if (parameterBasis == null) {
            throw new IllegalArgumentException("parameterBasis: missing");
        }
        shape = Map.copyOf(shape);
        sizeTiers = List.copyOf(sizeTiers);
        downloads = List.copyOf(downloads);
        referenceInput = referenceInput == null ? "" : referenceInput;
        notes = notes == null ? "" : notes;
    }

    /** The size tier for a number of training rows, or null when the model is not data-dependent. */
    public SizeTier tierFor(long rows) {
        for (SizeTier t : sizeTiers) {
            if (rows <= t.maxRows()) {
                return t;
            }
        }
        return sizeTiers.isEmpty() ? null : sizeTiers.get(sizeTiers.size() - 1);
    }
}
