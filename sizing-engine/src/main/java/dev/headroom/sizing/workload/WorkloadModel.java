package dev.headroom.sizing.workload;

import java.util.List;

/**
 * The shape of a non-LLM model that its forward-pass arithmetic needs, one record per architecture
 * family. Every count is per model (not per batch); FLOPs are real floating-point operations (one
 * multiply-add = 2 FLOP), whatever convention the publisher used (the catalog converts).
 * {@link DomainEstimator} turns a model and a {@link WorkloadRequest} into memory and throughput.
 */
public sealed interface WorkloadModel {
    /** A name for notes. */
    String name();

    /** All weights of the model (every component for pipelines). */
    long parameters();

    /** The unit its throughput is reported in. */
    ThroughputUnit unit();

    /** Whether any part keeps a KV cache (autoregressive decoders only). */
    default boolean hasKvCache() {
        return false;
    }

    /**
     * A convolutional network (ResNet, EfficientNet, MobileNet, YOLO, U-Net, DeepLab) from its published
     * FLOPs at one resolution. Convolutions do work proportional to pixels, so FLOPs and activations
     * scale with {@code (resolution / referenceResolution)^2}.
     *
     * @param flopsPerInput FLOPs of one input at {@code referenceResolution}
     * @param referenceResolution the side in pixels the FLOPs refer to (224, 640, 520)
     * @param activationBytesPerInput peak live activations of one input at the reference size in FP32, bytes
     * @param layers kernels per forward pass (convolutions and dense layers), for the per-layer overhead
     */
    record ConvNet(String name, long parameters, double flopsPerInput, int referenceResolution,
                   long activationBytesPerInput, int layers, ThroughputUnit unit) implements WorkloadModel {
        public ConvNet {
            Checks.positive("parameters", parameters);
            Checks.positive("flopsPerInput", flopsPerInput);
            Checks.positive("referenceResolution", referenceResolution);
            Checks.notNegative("activationBytesPerInput", activationBytesPerInput);
            Checks.positive("layers", layers);
            unit = unit == null ? ThroughputUnit.IMAGES : unit;
        }
    }

    /**
     * A pre-norm transformer encoder stack with its widths: BERT family, sentence embedders, decoder-based
     * embedders (e5-mistral: gated MLP, grouped KV heads, causal but run once over the input, no cache),
     * patch-based time-series encoders (TimesFM, Moirai: one token per patch).
     *
     * @param layers encoder blocks
     * @param hiddenSize model width
     * @param heads attention heads
     * @param kvHeads key/value heads (= heads without grouped-query attention)
     * @param intermediateSize MLP width
     * @param gatedMlp SwiGLU/GeGLU (three matrices) instead of two
     * @param defaultTokens tokens of one input when the request gives none (BERT: 128 typical, 512 max)
     * @param maxTokens the longest input the positions allow
     */
    record TransformerEncoder(String name, long parameters, int layers, int hiddenSize, int heads, int kvHeads,
                              int intermediateSize, boolean gatedMlp, int defaultTokens, int maxTokens,
                              ThroughputUnit unit) implements WorkloadModel {
        public TransformerEncoder {
            Checks.positive("parameters", parameters);
            Checks.positive("layers", layers);
            Checks.positive("hiddenSize", hiddenSize);
            Checks.positive("heads", heads);
            Checks.positive("kvHeads", kvHeads);
            Checks.positive("intermediateSize", intermediateSize);
            Checks.positive("maxTokens", maxTokens);
            if (defaultTokens <= 0 || defaultTokens > maxTokens) {
                throw new IllegalArgumentException("defaultTokens: must be within 1.." + maxTokens + ", was " + defaultTokens);
            }
            unit = unit == null ? ThroughputUnit.SEQUENCES : unit;
        }
    }

    /**
     * A vision transformer (ViT, DINOv2, CLIP/SigLIP image towers, SAM's image encoder): the image becomes
     * {@code (resolution / patch)^2} tokens plus {@code extraTokens} (class token, registers), then a
     * transformer encoder. {@code textTower} is the CLIP/SigLIP text encoder that runs once per text, or
     * null for image-only models.
     */
    record VisionTransformer(String name, long parameters, int layers, int hiddenSize, int heads, int intermediateSize,
                             int patchSize, int defaultResolution, int extraTokens, TransformerEncoder textTower)
            implements WorkloadModel {
        public VisionTransformer {
            Checks.positive("parameters", parameters);
            Checks.positive("layers", layers);
            Checks.positive("hiddenSize", hiddenSize);
            Checks.positive("heads", heads);
            Checks.positive("intermediateSize", intermediateSize);
            Checks.positive("patchSize", patchSize);
            Checks.positive("defaultResolution", defaultResolution);
            Checks.notNegative("extraTokens", extraTokens);
        }

        @Override
        public ThroughputUnit unit() {
            return ThroughputUnit.IMAGES;
        }
    }

    /**
     * An encoder-decoder transformer: T5, BART, Marian/NLLB (text in), Whisper (audio in: 30 s windows of
     * 100 mel frames/s, a stride-2 convolution stem, {@value DomainEstimator#WHISPER_POSITIONS} encoder
     * positions per window), Chronos (T5 over a tokenised series). The decoder generates tokens one at a
     * time with a KV cache of its own tokens and of the encoder output (cross-attention).
     *
     * @param melBins mel channels of the audio stem (Whisper: 80, large-v3: 128); 0 for text/series input
     * @param vocabSize output vocabulary (LM head width)
     * @param defaultTokens encoder tokens of a text input when the request gives none
     * @param defaultOutputTokens generated tokens per text input when the request gives none (translation:
     *     about the input length; Chronos: the 64-step horizon); audio models derive it from the audio length
     */
    record EncoderDecoder(String name, long parameters, int encoderLayers, int decoderLayers, int hiddenSize,
                          int heads, int ffnSize, int vocabSize, int melBins, int defaultTokens, int defaultOutputTokens,
                          ThroughputUnit unit)
            implements WorkloadModel {
        public EncoderDecoder {
            Checks.positive("parameters", parameters);
            Checks.positive("encoderLayers", encoderLayers);
            Checks.positive("decoderLayers", decoderLayers);
            Checks.positive("hiddenSize", hiddenSize);
            Checks.positive("heads", heads);
            Checks.positive("ffnSize", ffnSize);
            Checks.positive("vocabSize", vocabSize);
            Checks.notNegative("melBins", melBins);
            Checks.positive("defaultTokens", defaultTokens);
            Checks.notNegative("defaultOutputTokens", defaultOutputTokens);
            unit = unit == null ? (melBins > 0 ? ThroughputUnit.AUDIO : ThroughputUnit.SEQUENCES) : unit;
        }

        public boolean audio() {
            return melBins > 0;
        }

        @Override
        public boolean hasKvCache() {
            return true;
        }
    }

    /**
     * A speech encoder with a CTC/transducer head (wav2vec2, HuBERT, MMS, Conformer, Parakeet): the audio
     * becomes {@code framesPerSecond} encoder frames per second of audio, each layer a transformer block
     * or a Conformer block (two half-step feed-forwards, attention and a depthwise convolution module).
     *
     * @param frontEndFlopsPerSecond FLOPs of the waveform/mel front end per second of audio (wav2vec2's
     *     seven-layer convolutional feature encoder; Conformer's subsampling), 0 if negligible
     */
    record SpeechEncoder(String name, long parameters, int layers, int hiddenSize, int heads, int intermediateSize,
                         boolean conformer, double framesPerSecond, double frontEndFlopsPerSecond) implements WorkloadModel {
        public SpeechEncoder {
            Checks.positive("parameters", parameters);
            Checks.positive("layers", layers);
            Checks.positive("hiddenSize", hiddenSize);
            Checks.positive("heads", heads);
            Checks.positive("intermediateSize", intermediateSize);
            Checks.positive("framesPerSecond", framesPerSecond);
            Checks.notNegative("frontEndFlopsPerSecond", frontEndFlopsPerSecond);
        }

        @Override
        public ThroughputUnit unit() {
            return ThroughputUnit.AUDIO;
        }
    }

    /**
     * A model that generates audio (TTS: Kokoro, VITS, Bark; music: MusicGen): an optional autoregressive
     * transformer emitting {@code tokensPerAudioSecond} steps per second of audio (reading its weights once
     * per step, keeping a KV cache), plus non-autoregressive work (acoustic model, vocoder) of
     * {@code flopsPerAudioSecond}.
     *
     * @param autoregressiveParameters weights read once per step, 0 for non-autoregressive models
     * @param autoregressiveLayers layers of that decoder (KV cache, per-layer overhead), 0 when none
     * @param autoregressiveHidden its width (KV cache), 0 when none
     * @param layers kernels per non-autoregressive pass, for the per-layer overhead
     */
    record AudioGenerator(String name, long parameters, long autoregressiveParameters, int autoregressiveLayers,
                          int autoregressiveHidden, double tokensPerAudioSecond, double flopsPerAudioSecond, int layers)
            implements WorkloadModel {
        public AudioGenerator {
            Checks.positive("parameters", parameters);
            Checks.notNegative("autoregressiveParameters", autoregressiveParameters);
            Checks.notNegative("autoregressiveLayers", autoregressiveLayers);
            Checks.notNegative("autoregressiveHidden", autoregressiveHidden);
            Checks.notNegative("tokensPerAudioSecond", tokensPerAudioSecond);
            Checks.notNegative("flopsPerAudioSecond", flopsPerAudioSecond);
            Checks.notNegative("layers", layers);
            if (autoregressiveParameters > parameters) {
                throw new IllegalArgumentException("autoregressiveParameters: must not exceed parameters " + parameters);
            }
            if (autoregressiveParameters > 0 && !(tokensPerAudioSecond > 0)) {
                throw new IllegalArgumentException("tokensPerAudioSecond: must be positive for an autoregressive model");
            }
        }

        @Override
        public ThroughputUnit unit() {
            return ThroughputUnit.GENERATED_AUDIO;
        }

        @Override
        public boolean hasKvCache() {
            return autoregressiveParameters > 0 && autoregressiveLayers > 0;
        }
    }

    /**
     * A latent diffusion pipeline: text encoder(s) once per prompt, the denoiser (U-Net or DiT) once per
     * step (twice with classifier-free guidance), the VAE decoder once per image.
     *
     * @param denoiserFlopsPerStep U-Net FLOPs of one step for one image at {@code referenceResolution}
     *     (scaled with pixels); for a DiT 0 (computed from parameters and tokens)
     * @param ditLayers DiT blocks (attention cost), 0 for a U-Net
     * @param ditHidden DiT width, 0 for a U-Net
     * @param textTokens tokens of the joint text sequence of a DiT (FLUX T5: 512), or of the prompt
     * @param vaeDecodeFlops VAE decoder FLOPs for one image at {@code referenceResolution}
     * @param defaultSteps sampler steps when the request gives none (SD: 50, FLUX.1-schnell: 4)
     * @param guidance whether classifier-free guidance doubles the denoiser batch (FLUX.1-dev is guidance-distilled: no)
     * @param layers kernels per denoiser step (each costs 1/{@value DomainEstimator#KERNELS_PER_LAYER} of a layer's overhead);
     *     a DiT's blocks x 20, a U-Net's ~500 (SD 1.5: 16 transformer blocks x 20 + 22 ResNet blocks x 8)
     */
    record Diffusion(String name, long denoiserParameters, double denoiserFlopsPerStep, int ditLayers, int ditHidden,
                     List<Long> textEncoderParameters, int textTokens, long vaeParameters, double vaeDecodeFlops,
                     int referenceResolution, int defaultSteps, boolean guidance, int layers) implements WorkloadModel {
        public Diffusion {
            Checks.positive("denoiserParameters", denoiserParameters);
            Checks.notNegative("denoiserFlopsPerStep", denoiserFlopsPerStep);
            Checks.notNegative("ditLayers", ditLayers);
            Checks.notNegative("ditHidden", ditHidden);
            textEncoderParameters = List.copyOf(textEncoderParameters);
            textEncoderParameters.forEach(p -> Checks.positive("textEncoderParameters", p));
            Checks.positive("textTokens", textTokens);
            Checks.notNegative("vaeParameters", vaeParameters);
            Checks.notNegative("vaeDecodeFlops", vaeDecodeFlops);
            Checks.positive("referenceResolution", referenceResolution);
            Checks.positive("defaultSteps", defaultSteps);
            Checks.positive("layers", layers);
            if (denoiserFlopsPerStep == 0 && (ditLayers == 0 || ditHidden == 0)) {
                throw new IllegalArgumentException("denoiserFlopsPerStep: needed for a U-Net (a DiT needs ditLayers and ditHidden)");
            }
        }

        @Override
        public long parameters() {
            long p = denoiserParameters + vaeParameters;
            for (long t : textEncoderParameters) {
                p = Math.addExact(p, t);
            }
            return p;
        }

        @Override
        public ThroughputUnit unit() {
            return ThroughputUnit.GENERATED_IMAGES;
        }

        public boolean transformer() {
            return ditLayers > 0;
        }
    }

    /**
     * A gradient-boosted or random forest ensemble (XGBoost, LightGBM, CatBoost): its size comes from the
     * size tier of the training rows, its work from trees x depth node visits per row.
     *
     * @param modelBytes the trained model in memory, bytes
     */
    record TreeEnsemble(String name, long modelBytes, int trees, int depth) implements WorkloadModel {
        public TreeEnsemble {
            Checks.positive("modelBytes", modelBytes);
            Checks.positive("trees", trees);
            Checks.positive("depth", depth);
        }

        /** Trees hold no weights in the neural sense; memory is {@link #modelBytes()}. */
        @Override
        public long parameters() {
            return 0;
        }

        @Override
        public ThroughputUnit unit() {
            return ThroughputUnit.ROWS;
        }
    }

    /**
     * Any other network described only by its weights and work per input (MLPs, LSTMs, TabPFN-style
     * in-context models at a fixed context, models whose shape is unpublished): every weight read once
     * per batch, {@code flopsPerInput} per input.
     *
     * @param flopsPerInput FLOPs of one input; 2 x parameters when each weight is used once
     * @param activationBytesPerInput peak live activations of one input, bytes at FP32
     * @param layers kernels per forward pass
     */
    record Dense(String name, long parameters, double flopsPerInput, long activationBytesPerInput, int layers,
                 ThroughputUnit unit) implements WorkloadModel {
        public Dense {
            Checks.positive("parameters", parameters);
            Checks.positive("flopsPerInput", flopsPerInput);
            Checks.notNegative("activationBytesPerInput", activationBytesPerInput);
            Checks.positive("layers", layers);
            unit = unit == null ? ThroughputUnit.SEQUENCES : unit;
        }

        /** Each weight used once per input (an MLP; a model of unknown shape, as a lower bound on work). */
        public static Dense weightsOnce(String name, long parameters, int layers, ThroughputUnit unit) {
            return new Dense(name, parameters, 2.0 * parameters, 0, layers, unit);
        }
    }

    /** Argument checks shared by the records. */
    final class Checks {
        private Checks() {
        }

        static void positive(String field, double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(field + ": must be positive, was " + v);
            }
        }

        static void notNegative(String field, double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(field + ": must not be negative, was " + v);
            }
        }
    }
}
