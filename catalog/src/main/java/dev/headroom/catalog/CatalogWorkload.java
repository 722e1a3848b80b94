package dev.headroom.catalog;

import dev.headroom.sizing.model.MlpKind;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.workload.SpeechFrontEnds;
import dev.headroom.sizing.workload.ThroughputUnit;
import dev.headroom.sizing.workload.VaeDecoder;
import dev.headroom.sizing.workload.WorkloadModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's workload model of a non-LLM catalog entry, built from the entry's parameters, architecture,
 * {@code shape} facts and published FLOPs; and how exact that model is.
 *
 * @param model what {@code DomainEstimator.estimate} takes
 * @param estimate true when the work per input is headroom's estimate (no published FLOPs and no layer
 *                 shape: each weight used once per input or per audio frame), false when it follows from
 *                 the published shape or FLOPs
 * @param note how the model was built, for provenance
 */
public record CatalogWorkload(WorkloadModel model, boolean estimate, String note) {
    /** Kernels per pass assumed for CNNs whose entry states no {@code kernels} (ResNet-50 has 54). */
    static final int DEFAULT_KERNELS = 60;
    /** Acoustic frames per second of TTS acoustic models (22.05 kHz audio, hop 256: Tacotron 2, FastSpeech 2, VITS). */
    static final double TTS_FRAMES_PER_SECOND = 86;
    /** Kernels per U-Net step when the entry states none: SD 1.5 has 16 transformer blocks (~20 kernels) and 22 ResNet blocks (~8). */
    static final int UNET_KERNELS = 500;
    /** Rows assumed when sizing a classical model without a row count (the brief's 10K-100K tier). */
    public static final long DEFAULT_TRAINING_ROWS = 100_000;
    /** Tasks served by decoder-only generation: such entries belong to the LLM speed model, not to this one. */
    static final java.util.Set<String> DECODER_TASKS = java.util.Set.of("text-generation", "chat", "dialogue",
            "code-generation", "instruction-following");
    private static final Pattern SQUARE = Pattern.compile("(\\d{2,5})\\s*x\\s*(\\d{2,5})");
    private static final Pattern SIDE = Pattern.compile("(\\d{2,5})\\s*px");

    public CatalogWorkload {
        if (model == null) {
            throw new IllegalArgumentException("model: required");
        }
        note = note == null ? "" : note;
    }

    /** The workload of an entry, empty for LLMs, API-only models and entries with nothing to compute from. */
    public static Optional<CatalogWorkload> of(CatalogModel m) {
        return of(m, DEFAULT_TRAINING_ROWS);
    }

    /**
     * @param trainingRows rows a classical (data-dependent) model is trained on, which pick its size tier
     */
    public static Optional<CatalogWorkload> of(CatalogModel m, long trainingRows) {
        if (!m.hostable() || m.domains().contains("llm") && m.domains().size() == 1) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(build(m, trainingRows));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(m.id() + ": catalog shape does not make a workload: " + e.getMessage(), e);
        }
    }

    private static CatalogWorkload build(CatalogModel m, long rows) {
        ModelDetails d = m.details();
        long params = m.parameterCount();
        ThroughputUnit unit = unitOf(m);
        String name = m.id();
        boolean encoderDecoder = has(d, "encoderLayers") && has(d, "decoderLayers");
        if (!encoderDecoder && (m.domains().contains("llm") && !m.domains().contains("embeddings")
                || m.tasks().stream().anyMatch(DECODER_TASKS::contains))) {
            return null; // autoregressive decoders are sized by the LLM path (KV cache, decode tokens/s)
        }
        if (has(d, "ditLayers") || has(d, "unetParameters")) {
            return diffusion(m, d);
        }
        if (has(d, "encoderLayers") && has(d, "decoderLayers")) {
            int h = (int) d.shapeOr("hiddenSize", 0);
            int mels = (int) d.shapeOr("mels", 0);
            int tokens = (int) d.shapeOr("defaultTokens", mels > 0 ? 448 : 128);
            int out = (int) d.shapeOr("outputTokens", tokens);
            return new CatalogWorkload(new WorkloadModel.EncoderDecoder(name, params, (int) d.shapeOr("encoderLayers", 0),
                    (int) d.shapeOr("decoderLayers", 0), h, (int) d.shapeOr("attentionHeads", 0), (int) d.shapeOr("intermediateSize", 4L * h),
                    (int) d.shapeOr("vocabSize", 32_000), mels, tokens, out, unit), false,
                    "encoder-decoder from the entry's layer shape" + (mels > 0 ? " (audio: 30 s windows)" : ""));
        }
        if (has(d, "visionLayers")) {
            int h = (int) d.shapeOr("visionHiddenSize", 0);
            return new CatalogWorkload(new WorkloadModel.VisionTransformer(name, params, (int) d.shapeOr("visionLayers", 0), h,
                    (int) d.shapeOr("visionHeads", h / 64), (int) d.shapeOr("visionIntermediateSize", 4L * h),
                    (int) d.shapeOr("patchSize", 16), (int) d.shapeOr("imageSize", 224), (int) d.shapeOr("extraTokens", 1), null),
                    false, "image tower of a dual encoder from the entry's vision shape");
        }
        if (m.architecture() != null) {
            ModelArchitecture a = m.architecture();
            int tokens = (int) Math.min(a.maxContext(), d.shapeOr("defaultTokens", 128));
            return new CatalogWorkload(new WorkloadModel.TransformerEncoder(name, params, a.layers(), a.hiddenSize(),
                    a.attentionHeads(), a.kvHeads(), a.intermediateSize(), a.mlp() == MlpKind.GATED, tokens, a.maxContext(), unit),
                    false, "transformer encoder from the entry's architecture (no KV cache: one pass per input)");
        }
        boolean audioTask = m.tasks().stream().anyMatch(t -> t.equals("speech-recognition") || t.equals("audio-embedding")
                || t.equals("speaker-recognition") || t.equals("audio-classification"));
        boolean generatesAudio = m.tasks().stream().anyMatch(t -> t.equals("text-to-speech") || t.equals("music-generation")
                || t.equals("audio-generation"));
        if (has(d, "tokens") && has(d, "layers") && has(d, "hiddenSize")) {
            int h = (int) d.shapeOr("hiddenSize", 0);
            int tokens = (int) d.shapeOr("tokens", 0);
            return new CatalogWorkload(new WorkloadModel.TransformerEncoder(name, params, (int) d.shapeOr("layers", 0), h,
                    (int) d.shapeOr("attentionHeads", h / 64), (int) d.shapeOr("attentionHeads", h / 64), (int) d.shapeOr("intermediateSize", 4L * h),
                    false, tokens, (int) d.shapeOr("maxTokens", tokens), unit), false,
                    tokens + " tokens per input (patches of the reference input) through the entry's encoder shape");
        }
        if (has(d, "patchSize") && has(d, "layers") && has(d, "hiddenSize") && !audioTask) {
            int h = (int) d.shapeOr("hiddenSize", 0);
            return new CatalogWorkload(new WorkloadModel.VisionTransformer(name, params, (int) d.shapeOr("layers", 0), h,
                    (int) d.shapeOr("attentionHeads", h / 64), (int) d.shapeOr("intermediateSize", 4L * h), (int) d.shapeOr("patchSize", 16),
                    (int) d.shapeOr("imageSize", 224), (int) d.shapeOr("extraTokens", 1), null), false,
                    "vision transformer from the entry's shape" + (m.family().equals("sam") || m.family().equals("sam2")
                            ? " (windowed attention counted as global: attention work is an upper bound)" : ""));
        }
        if (audioTask && has(d, "layers") && has(d, "hiddenSize") && !generatesAudio) {
            return speech(m, d, params);
        }
        if (generatesAudio) {
            return audio(m, d, params);
        }
        if (has(d, "layers") && has(d, "hiddenSize") && has(d, "attentionHeads") && !audioTask) {
            int h = (int) d.shapeOr("hiddenSize", 0);
            int heads = (int) d.shapeOr("attentionHeads", 0);
            int maxTokens = (int) d.shapeOr("maxContext", 512);
            return new CatalogWorkload(new WorkloadModel.TransformerEncoder(name, params, (int) d.shapeOr("layers", 0), h, heads, heads,
                    (int) d.shapeOr("intermediateSize", 4L * h), false, (int) Math.min(maxTokens, d.shapeOr("defaultTokens", 128)), maxTokens, unit),
                    false, "transformer encoder from the entry's layer shape (no KV cache: one pass per input)");
        }
        double flops = d.flopsPerInput();
        int side = resolution(d.referenceInput());
        if (flops > 0 && side > 0) {
            int kernels = (int) d.shapeOr("kernels", DEFAULT_KERNELS);
            long activation = Math.max(0, d.activationBytesEstimate());
            return new CatalogWorkload(new WorkloadModel.ConvNet(name, params, flops, side, activation, kernels,
                    unit == ThroughputUnit.SEQUENCES ? ThroughputUnit.IMAGES : unit), false,
                    String.format(Locale.ROOT, "published %.4g GFLOP%s at %d px, scaled by pixels%s", d.gflopsPerInput(),
                            d.gflopsAreMultiplyAdds() ? " (multiply-adds, x2)" : "", side,
                            has(d, "kernels") ? "" : "; " + DEFAULT_KERNELS + " kernels per pass assumed"));
        }
        if (d.parameterBasis() == ParameterBasis.DATA_DEPENDENT && !d.sizeTiers().isEmpty() && has(d, "trees")) {
            SizeTier tier = d.tierFor(rows);
            long bytes = Math.max(1, (tier.minBytes() + tier.maxBytes()) / 2);
            return new CatalogWorkload(new WorkloadModel.TreeEnsemble(name, bytes, (int) d.shapeOr("trees", 100), (int) d.shapeOr("depth", 6)),
                    true, "size tier for " + rows + " training rows (midpoint of the brief's range); default trees and depth of the library");
        }
        if (params > 0) {
            int layers = (int) (20 * d.shapeOr("layers", 12)); // kernels: ~20 per layer of an unknown network
            double perInput = flops > 0 ? flops : 2.0 * params * d.shapeOr("windowSteps", 1);
            return new CatalogWorkload(new WorkloadModel.Dense(name, params, perInput, Math.max(0, d.activationBytesEstimate()), layers, unit),
                    flops <= 0, flops > 0 ? "published FLOPs per input" : d.shape().containsKey("windowSteps")
                    ? "recurrent: each weight used once per step of a " + d.shapeOr("windowSteps", 1) + "-step window"
                    : "no published shape or FLOPs: each weight used once per input (a lower bound on work)");
        }
        return null;
    }

    private static CatalogWorkload diffusion(CatalogModel m, ModelDetails d) {
        List<Long> text = new ArrayList<>();
        for (String k : List.of("textEncoderParameters", "textEncoder2Parameters", "textEncoder3Parameters")) {
            if (has(d, k)) {
                text.add(d.shapeOr(k, 0));
            }
        }
        boolean dit = has(d, "ditLayers");
        long denoiser = dit ? d.shapeOr("denoiserParameters", 0) : d.shapeOr("unetParameters", 0);
        int res = (int) d.shapeOr("imageSize", 512);
        double unetFlops = dit ? 0 : d.flopsPerInput();
        if (!dit && unetFlops <= 0) {
            throw new IllegalArgumentException("a U-Net pipeline needs gflopsPerInput (one denoising step)");
        }
        double vae = VaeDecoder.flops(res, d.shapeOr("latentChannels", 4) > 4 ? (int) d.shapeOr("latentChannels", 4) : 4);
        int layers = (int) d.shapeOr("kernels", dit ? 20 * d.shapeOr("ditLayers", 0) : UNET_KERNELS);
        return new CatalogWorkload(new WorkloadModel.Diffusion(m.id(), denoiser, unetFlops, (int) d.shapeOr("ditLayers", 0),
                (int) d.shapeOr("ditHidden", 0), text, (int) d.shapeOr("textTokens", 77), d.shapeOr("vaeParameters", 0), vae, res,
                (int) d.shapeOr("defaultSteps", 50), d.shapeOr("guidance", 1) != 0, layers),
                d.parameterBasis() == ParameterBasis.ESTIMATE,
                (dit ? "DiT: 2 FLOP per weight per token + attention" : "U-Net FLOPs per step as published, scaled by pixels")
                        + "; VAE decoder FLOPs from its layer table");
    }

    private static CatalogWorkload speech(CatalogModel m, ModelDetails d, long params) {
        int h = (int) d.shapeOr("hiddenSize", 0);
        String f = m.family().toLowerCase(Locale.ROOT);
        boolean fast = f.contains("parakeet") || f.contains("canary") || f.contains("fastconformer");
        boolean conformer = fast || f.contains("conformer");
        double strideMs = d.shapeOr("frameStrideMs", fast ? 80 : conformer ? 40 : 20);
        double fps = 1000.0 / strideMs;
        double frontEnd = f.contains("wav2vec2") || f.contains("hubert") || f.contains("mms") || f.contains("xls-r")
                ? SpeechFrontEnds.wav2vec2FlopsPerSecond(512)
                : conformer && !fast ? SpeechFrontEnds.conformerFlopsPerSecond(h, 80) : 0;
        return new CatalogWorkload(new WorkloadModel.SpeechEncoder(m.id(), params, (int) d.shapeOr("layers", 0), h,
                (int) d.shapeOr("attentionHeads", Math.max(1, h / 64)), (int) d.shapeOr("intermediateSize", 4L * h), conformer, fps, frontEnd),
                false, String.format(Locale.ROOT, "%s encoder, %.1f frames/s%s", conformer ? "Conformer" : "transformer", fps,
                        frontEnd > 0 ? ", convolutional front end from its layer table" : ""));
    }

    private static CatalogWorkload audio(CatalogModel m, ModelDetails d, long params) {
        if (has(d, "tokensPerSecond")) {
            long ar = d.shapeOr("autoregressiveParameters", params);
            return new CatalogWorkload(new WorkloadModel.AudioGenerator(m.id(), params, ar, (int) d.shapeOr("layers", 0),
                    (int) d.shapeOr("hiddenSize", 0), d.shapeOr("tokensPerSecond", 0), 0, 0), false,
                    "autoregressive audio decoder, " + d.shapeOr("tokensPerSecond", 0) + " steps per second of audio");
        }
        double perSecond = 2.0 * params * TTS_FRAMES_PER_SECOND;
        return new CatalogWorkload(new WorkloadModel.AudioGenerator(m.id(), params, 0, 0, 0, 0, perSecond, (int) d.shapeOr("kernels", 60)),
                true, "non-autoregressive: each weight used once per 86 Hz acoustic frame (estimate; vocoder upsampling not counted)");
    }

    /** The unit of the entry's first (primary) domain. */
    private static ThroughputUnit unitOf(CatalogModel m) {
        String primary = m.domains().isEmpty() ? "" : m.domains().get(0);
        switch (primary) {
            case "time-series":
                return ThroughputUnit.SERIES;
            case "tabular":
                return ThroughputUnit.ROWS;
            case "vision":
                return ThroughputUnit.IMAGES;
            default:
                return m.tasks().stream().anyMatch(t -> t.startsWith("image-")) && !m.tasks().contains("text-embedding")
                        ? ThroughputUnit.IMAGES : ThroughputUnit.SEQUENCES;
        }
    }

    private static boolean has(ModelDetails d, String key) {
        return d.shape().containsKey(key) && d.shape().get(key) > 0;
    }

    /** The side of a square with the reference input's pixels ("224x224 RGB", "640 px"), 0 when it names none. */
    static int resolution(String referenceInput) {
        Matcher sq = SQUARE.matcher(referenceInput);
        if (sq.find()) {
            return (int) Math.round(Math.sqrt((double) Integer.parseInt(sq.group(1)) * Integer.parseInt(sq.group(2))));
        }
        Matcher px = SIDE.matcher(referenceInput);
        return px.find() ? Integer.parseInt(px.group(1)) : 0;
    }
}
