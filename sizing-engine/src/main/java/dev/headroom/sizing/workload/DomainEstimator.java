package dev.headroom.sizing.workload;

import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.provenance.Sourced;
import dev.headroom.sizing.speed.SpeedCeilings;
import dev.headroom.sizing.workload.WorkloadModel.AudioGenerator;
import dev.headroom.sizing.workload.WorkloadModel.ConvNet;
import dev.headroom.sizing.workload.WorkloadModel.Dense;
import dev.headroom.sizing.workload.WorkloadModel.Diffusion;
import dev.headroom.sizing.workload.WorkloadModel.EncoderDecoder;
import dev.headroom.sizing.workload.WorkloadModel.SpeechEncoder;
import dev.headroom.sizing.workload.WorkloadModel.TransformerEncoder;
import dev.headroom.sizing.workload.WorkloadModel.TreeEnsemble;
import dev.headroom.sizing.workload.WorkloadModel.VisionTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Memory and throughput of every non-LLM family on one device: the one entry point callers use.
 *
 * <p>A workload is a few passes (encoder, decoder steps, denoiser steps, VAE), each with its FLOPs, its
 * bytes moved and its kernel count. A pass takes the LLM speed model's time on the same
 * {@link SpeedCeilings}: {@code max(bytes / bandwidth, FLOPs / compute) + (1 - overlap) x min(...)} plus
 * {@code layers x layerOverheadSeconds}. Weights are read once per pass for the whole batch, so small
 * batches are bandwidth- or overhead-bound and large ones compute-bound. Memory is weights + peak
 * activations of the batch + KV cache (only where a decoder generates tokens) + the runtime's fixed overhead.
 * Constants: {@link #WHISPER_POSITIONS}, {@link #SPEECH_TOKENS_PER_SECOND}, {@link #TREE_OPS_PER_NODE},
 * {@link #KERNELS_PER_LAYER}.
 */
public final class DomainEstimator {
    /** Whisper's encoder sees 30 s windows: 3000 mel frames (10 ms hop), halved by the stride-2 stem (openai/whisper audio.py N_FRAMES, model.py). */
    public static final int WHISPER_POSITIONS = 1500;
    /** Whisper window length, seconds (openai/whisper audio.py CHUNK_LENGTH). */
    public static final double WHISPER_WINDOW_SECONDS = 30;
    /**
     * Decoder tokens per second of speech: conversational English runs ~150 words/min
     * (https://en.wikipedia.org/wiki/Speech_tempo) and GPT-2-style BPE spends ~1.3 tokens per word, so
     * ~3.3 tokens/s, ~100 per 30 s window. Assumption (DEFAULT), used when the request gives no output length.
     */
    public static final double SPEECH_TOKENS_PER_SECOND = 3.3;
    /**
     * Instruction-slot cost of one tree-node visit (load feature, compare, select child, index arithmetic),
     * counted against the FLOP ceiling. Assumption (DEFAULT): XGBoost's predictor does ~4-10 scalar
     * operations per visit.
     */
    public static final double TREE_OPS_PER_NODE = 8;
    /**
     * Kernels (graph nodes) in one transformer decoder layer as llama.cpp runs it, the unit the device's
     * {@code layerOverheadSeconds} was fitted in: norm and scale (2), Q/K/V (3), RoPE (2), KV-cache copies (2),
     * scores, softmax, weighted sum, permute, output projection (5), residual (1), norm and scale (2),
     * gate/up (2), activation and product (2), down (1), residual (1): about 20. Families counted in kernels
     * (CNN layers, ONNX nodes, diffusion U-Net ops) pay {@code layerOverheadSeconds / 20} per kernel.
     */
    public static final double KERNELS_PER_LAYER = 20;
    static final double DEFAULT_SPEECH_SECONDS = 30;
    static final double DEFAULT_GENERATED_SECONDS = 10;

    private DomainEstimator() {
    }

    /** Memory and throughput with the ceilings as they are (no measured non-LLM efficiency). */
    public static WorkloadEstimate estimate(WorkloadModel model, WorkloadRequest request, SpeedCeilings ceilings) {
        return estimate(model, request, ceilings, WorkloadCalibration.NONE);
    }

    /** Memory and throughput, the compute ceiling scaled by a measured efficiency ({@code headroom bench --model}). */
    public static WorkloadEstimate estimate(WorkloadModel model, WorkloadRequest request, SpeedCeilings ceilings,
                                            WorkloadCalibration calibration) {
        Plan p = new Plan(model, request, ceilings, calibration);
        if (model instanceof ConvNet m) {
            convNet(m, request, p);
        } else if (model instanceof TransformerEncoder m) {
            encoder(m, request, p);
        } else if (model instanceof VisionTransformer m) {
            vision(m, request, p);
        } else if (model instanceof EncoderDecoder m) {
            encoderDecoder(m, request, p);
        } else if (model instanceof SpeechEncoder m) {
            speech(m, request, p);
        } else if (model instanceof AudioGenerator m) {
            audioGenerator(m, request, p);
        } else if (model instanceof Diffusion m) {
            diffusion(m, request, p);
        } else if (model instanceof TreeEnsemble m) {
            trees(m, request, p);
        } else if (model instanceof Dense m) {
            dense(m, request, p);
        } else {
            throw new IllegalArgumentException("model: unknown family " + model.getClass().getSimpleName());
        }
        return p.finish();
    }

    /** The largest batch whose memory fits {@code budgetBytes}, 0 when one input does not fit. */
    public static int largestBatch(WorkloadModel model, WorkloadRequest request, SpeedCeilings ceilings, long budgetBytes) {
        if (estimate(model, request.withBatch(1), ceilings).totalBytes() > budgetBytes) {
            return 0;
        }
        int lo = 1;
        int hi = 1;
        while (hi < 1_000_000 && estimate(model, request.withBatch(Math.min(1_000_000, hi * 2)), ceilings).totalBytes() <= budgetBytes) {
            hi = Math.min(1_000_000, hi * 2);
            lo = hi;
        }
        if (hi == 1_000_000) {
            return hi;
        }
        hi = Math.min(1_000_000, hi * 2);
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (estimate(model, request.withBatch(mid), ceilings).totalBytes() <= budgetBytes) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void convNet(ConvNet m, WorkloadRequest r, Plan p) {
        int res = r.resolution() > 0 ? r.resolution() : m.referenceResolution();
        double scale = Math.pow((double) res / m.referenceResolution(), 2);
        double activation = m.activationBytesPerInput() * scale * r.activationBytes() / 4.0;
        double input = 3.0 * res * res * r.activationBytes();
        p.pass("forward", r.batch() * m.flopsPerInput() * scale,
                p.weightBytes(m.parameters()) + r.batch() * (input + 2 * activation), m.layers() / KERNELS_PER_LAYER, 1);
        p.activations((long) Math.ceil(activation * r.batch()), String.format(Locale.ROOT,
                "peak live feature maps %.1f MiB per image at %d px (catalog figure x (%d/%d)^2) x batch %d",
                activation / (1 << 20), res, res, m.referenceResolution(), r.batch()));
        p.throughput(seconds -> new Throughput.Images(r.batch() / seconds, res));
        p.note(String.format(Locale.ROOT, "%.2f GFLOP per image at %d px: published FLOPs at %d px scaled by pixels",
                m.flopsPerInput() * scale / 1e9, res, m.referenceResolution()));
    }

    private static void encoder(TransformerEncoder m, WorkloadRequest r, Plan p) {
        int n = r.tokens() > 0 ? r.tokens() : m.defaultTokens();
        if (n > m.maxTokens()) {
            throw new IllegalArgumentException("tokens: " + n + " exceeds the model's " + m.maxTokens() + " positions");
        }
        double w = EncoderMath.blockWeights(m.hiddenSize(), m.heads(), m.kvHeads(), m.intermediateSize(), m.gatedMlp());
        stack(p, r, "encoder", m.layers(), n, m.hiddenSize(), m.heads(), m.intermediateSize(), w, Math.min(m.parameters(), (long) (w * m.layers())));
        p.activationsOfStack(r, n, m.hiddenSize(), m.heads(), m.intermediateSize(), r.batch());
        p.throughput(seconds -> new Throughput.Sequences(r.batch() / seconds, (double) r.batch() * n / seconds, n, m.unit()));
        p.note(n + " tokens per input, no KV cache: each input is encoded in one pass");
    }

    private static void vision(VisionTransformer m, WorkloadRequest r, Plan p) {
        int res = r.resolution() > 0 ? r.resolution() : m.defaultResolution();
        long grid = res / m.patchSize();
        if (grid <= 0) {
            throw new IllegalArgumentException("resolution: " + res + " px is smaller than one " + m.patchSize() + " px patch");
        }
        int n = Math.toIntExact(grid * grid + m.extraTokens());
        int h = m.hiddenSize();
        double w = EncoderMath.blockWeights(h, m.heads(), m.heads(), m.intermediateSize(), false);
        double patchEmbed = 2.0 * n * 3 * m.patchSize() * m.patchSize() * h;
        p.pass("patch embedding", r.batch() * patchEmbed, 3.0 * res * res * r.activationBytes() * r.batch(), 1 / KERNELS_PER_LAYER, 1);
        stack(p, r, "image encoder", m.layers(), n, h, m.heads(), m.intermediateSize(), w, (long) (w * m.layers()));
        p.activationsOfStack(r, n, h, m.heads(), m.intermediateSize(), r.batch());
        p.throughput(seconds -> new Throughput.Images(r.batch() / seconds, res));
        p.note(String.format(Locale.ROOT, "%d px / %d px patches = %d tokens%s; image tower only (a text tower runs once per label or query)",
                res, m.patchSize(), n, m.extraTokens() > 0 ? " (incl. " + m.extraTokens() + " class/register)" : ""));
    }

    private static void encoderDecoder(EncoderDecoder m, WorkloadRequest r, Plan p) {
        int h = m.hiddenSize();
        int f = m.ffnSize();
        double seconds = r.audioSeconds() > 0 ? r.audioSeconds() : DEFAULT_SPEECH_SECONDS;
        int windows = m.audio() ? (int) Math.ceil(seconds / WHISPER_WINDOW_SECONDS) : 1;
        int sequences = Math.multiplyExact(r.batch(), windows);
        int nEnc = m.audio() ? WHISPER_POSITIONS : (r.tokens() > 0 ? r.tokens() : m.defaultTokens());
        int out;
        if (r.outputTokens() >= 0) {
            out = r.outputTokens();
        } else if (m.audio()) {
            out = (int) Math.ceil(SPEECH_TOKENS_PER_SECOND * Math.min(seconds, WHISPER_WINDOW_SECONDS));
        } else {
            out = m.defaultOutputTokens();
        }
        double encW = EncoderMath.blockWeights(h, m.heads(), m.heads(), f, false);
        if (m.audio()) {
            double stem = 2.0 * 2 * WHISPER_POSITIONS * m.melBins() * 3 * h + 2.0 * WHISPER_POSITIONS * h * 3 * h;
            p.pass("audio stem", sequences * stem, p.weightBytes(3L * h * (m.melBins() + h))
                    + (double) sequences * 2 * WHISPER_POSITIONS * m.melBins() * r.activationBytes(), 4 / KERNELS_PER_LAYER, 1);
        }
        stack(p, r.withBatch(sequences), "encoder", m.encoderLayers(), nEnc, h, m.heads(), f, encW, (long) (encW * m.encoderLayers()));
        // Cross-attention K and V of the encoder output, computed once per sequence by every decoder layer.
        p.pass("cross-attention K/V", (double) sequences * m.decoderLayers() * 2 * nEnc * 2.0 * h * h,
                p.weightBytes(2L * h * h * m.decoderLayers()), m.decoderLayers(), 1);
        if (out > 0) {
            double decW = 4.0 * h * h + 2.0 * h * h + 2.0 * h * f;
            double head = (double) h * m.vocabSize();
            double avgContext = out / 2.0;
            double stepFlops = sequences * (2 * (m.decoderLayers() * decW + head) + m.decoderLayers() * 4.0 * h * (avgContext + nEnc));
            double kvRead = (double) sequences * m.decoderLayers() * 2 * h * (avgContext + nEnc) * r.activationBytes();
            p.pass("decoder step", stepFlops, p.weightBytes((long) (m.decoderLayers() * decW + head)) + kvRead, m.decoderLayers(), out);
        }
        long kv = (long) Math.ceil((double) sequences * m.decoderLayers() * 2 * h * (out + nEnc) * r.activationBytes());
        p.kvCache(kv, String.format(Locale.ROOT, "%d decoder layers x K,V x %d wide x (%d own + %d encoder tokens) x %d sequences",
                m.decoderLayers(), h, out, nEnc, sequences));
        p.activationsOfStack(r, nEnc, h, m.heads(), f, sequences);
        if (m.audio()) {
            p.throughput(t -> new Throughput.Speech(t / seconds, r.batch() * seconds / t, seconds));
            p.note(String.format(Locale.ROOT, "%.0f s audio = %d window(s) of %d encoder positions; %d decoder tokens per window%s",
                    seconds, windows, WHISPER_POSITIONS, out, r.outputTokens() < 0 ? " (~3.3 tokens per second of speech, DEFAULT)" : ""));
        } else {
            int nOut = out;
            p.throughput(t -> new Throughput.Sequences(r.batch() / t, (double) r.batch() * nOut / t, nEnc, m.unit()));
            p.note(nEnc + " input tokens, " + out + " generated tokens per input (tokens/s counts generated tokens)");
        }
    }

    private static void speech(SpeechEncoder m, WorkloadRequest r, Plan p) {
        double seconds = r.audioSeconds() > 0 ? r.audioSeconds() : DEFAULT_SPEECH_SECONDS;
        int n = (int) Math.ceil(seconds * m.framesPerSecond());
        int h = m.hiddenSize();
        int f = m.intermediateSize();
        // Conformer block: two feed-forward modules, attention (+ relative-position projection), two pointwise convolutions.
        double w = m.conformer() ? 5.0 * h * h + 4.0 * h * f + 3.0 * h * h : EncoderMath.blockWeights(h, m.heads(), m.heads(), f, false);
        if (m.frontEndFlopsPerSecond() > 0) {
            p.pass("front end", r.batch() * m.frontEndFlopsPerSecond() * seconds,
                    r.batch() * seconds * 16_000 * r.activationBytes() * 2, 14 / KERNELS_PER_LAYER, 1);
        }
        stack(p, r, "encoder", m.layers(), n, h, m.heads(), f, w, (long) (w * m.layers()));
        p.activationsOfStack(r, n, h, m.heads(), f, r.batch());
        p.throughput(t -> new Throughput.Speech(t / seconds, r.batch() * seconds / t, seconds));
        p.note(String.format(Locale.ROOT, "%.0f s audio = %d encoder frames (%.1f frames/s); CTC/transducer head negligible; no KV cache",
                seconds, n, m.framesPerSecond()));
    }

    private static void audioGenerator(AudioGenerator m, WorkloadRequest r, Plan p) {
        double seconds = r.audioSeconds() > 0 ? r.audioSeconds() : DEFAULT_GENERATED_SECONDS;
        long rest = m.parameters() - m.autoregressiveParameters();
        if (m.autoregressiveParameters() > 0) {
            int steps = (int) Math.ceil(m.tokensPerAudioSecond() * seconds);
            double avgContext = steps / 2.0;
            int layers = Math.max(1, m.autoregressiveLayers());
            double kvRead = m.hasKvCache() ? (double) r.batch() * layers * 2 * m.autoregressiveHidden() * avgContext * r.activationBytes() : 0;
            double attention = m.hasKvCache() ? (double) r.batch() * layers * 4 * m.autoregressiveHidden() * avgContext : 0;
            p.pass("autoregressive step", r.batch() * 2.0 * m.autoregressiveParameters() + attention,
                    p.weightBytes(m.autoregressiveParameters()) + kvRead, layers, steps);
            if (m.hasKvCache()) {
                p.kvCache((long) Math.ceil((double) r.batch() * layers * 2 * m.autoregressiveHidden() * steps * r.activationBytes()),
                        layers + " layers x K,V x " + m.autoregressiveHidden() + " wide x " + steps + " steps x batch " + r.batch());
            }
            p.note(String.format(Locale.ROOT, "%.0f s of audio = %d autoregressive steps (%.1f per second)", seconds, steps, m.tokensPerAudioSecond()));
        }
        if (m.flopsPerAudioSecond() > 0) {
            p.pass("acoustic model / vocoder", r.batch() * m.flopsPerAudioSecond() * seconds, p.weightBytes(rest)
                    + r.batch() * seconds * 24_000 * r.activationBytes() * 2, Math.max(1, m.layers()) / KERNELS_PER_LAYER, 1);
        }
        p.throughput(t -> new Throughput.GeneratedAudio(t / seconds, r.batch() * seconds / t, seconds));
    }

    private static void diffusion(Diffusion m, WorkloadRequest r, Plan p) {
        int res = r.resolution() > 0 ? r.resolution() : m.referenceResolution();
        int steps = r.steps() > 0 ? r.steps() : m.defaultSteps();
        if (res % 8 != 0) {
            throw new IllegalArgumentException("resolution: " + res + " px is not a multiple of the VAE's 8");
        }
        int copies = m.guidance() ? 2 : 1;
        double pixels = Math.pow((double) res / m.referenceResolution(), 2);
        long textParams = m.textEncoderParameters().stream().mapToLong(Long::longValue).sum();
        if (textParams > 0) {
            p.pass("text encoders", (double) r.batch() * copies * 2 * textParams * m.textTokens(), p.weightBytes(textParams),
                    m.textEncoderParameters().size() * 24, 1);
        }
        double stepFlops;
        long latent = (long) (res / 8) * (res / 8);
        if (m.transformer()) {
            long tokens = latent / 4 + m.textTokens(); // 2x2 latent patches joined with the text sequence
            stepFlops = 2.0 * m.denoiserParameters() * tokens + 4.0 * m.ditLayers() * tokens * tokens * m.ditHidden();
            p.note(String.format(Locale.ROOT, "DiT: %d image + %d text tokens per step", latent / 4, m.textTokens()));
        } else {
            stepFlops = m.denoiserFlopsPerStep() * pixels;
        }
        double batchImages = (double) r.batch() * copies;
        p.pass("denoiser step", batchImages * stepFlops, p.weightBytes(m.denoiserParameters())
                + batchImages * latent * 4 * r.activationBytes() * 2, m.layers() / KERNELS_PER_LAYER, steps);
        if (m.vaeDecodeFlops() > 0) {
            p.pass("VAE decode", r.batch() * m.vaeDecodeFlops() * pixels, p.weightBytes(m.vaeParameters())
                    + r.batch() * 128.0 * res * res * r.activationBytes() * 2 * 6, 80 / KERNELS_PER_LAYER, 1);
        }
        // VAE decoder: three live maps of its last 128-channel stage at full resolution, plus the mid-block
        // attention over latent positions when it is materialised (diffusers decodes the whole batch at once).
        double vae = 3.0 * 128 * res * res * r.activationBytes() + (r.flashAttention() ? 0 : (double) latent * latent * r.activationBytes());
        double denoiser = m.transformer() ? 10.0 * (latent / 4 + m.textTokens()) * m.ditHidden() * r.activationBytes()
                : 3.0 * 320 * latent * r.activationBytes() * 4;
        double peak = Math.max(vae * r.batch(), denoiser * batchImages);
        p.activations((long) Math.ceil(peak), String.format(Locale.ROOT,
                "peak of the VAE decode (3 x 128-channel maps at %d px) and the denoiser at batch %d x %d", res, r.batch(), copies));
        p.throughput(t -> new Throughput.GeneratedImages(t / r.batch(), 1.0 / p.secondsOf("denoiser step"), steps, res));
        p.note(String.format(Locale.ROOT, "%d steps%s; all components resident (no CPU offload)", steps,
                m.guidance() ? " with classifier-free guidance (2 denoiser passes per step)" : ""));
    }

    private static void trees(TreeEnsemble m, WorkloadRequest r, Plan p) {
        p.pass("tree traversal", (double) r.batch() * m.trees() * m.depth() * TREE_OPS_PER_NODE, m.modelBytes(), 1 / KERNELS_PER_LAYER, 1);
        p.weightsExact(m.modelBytes(), "trained ensemble from its size tier (" + m.trees() + " trees, depth " + m.depth() + ")");
        p.throughput(t -> new Throughput.Rows(r.batch() / t));
        p.note(String.format(Locale.ROOT, "%d trees x depth %d node visits per row at %.0f operations each (DEFAULT)",
                m.trees(), m.depth(), TREE_OPS_PER_NODE));
    }

    private static void dense(Dense m, WorkloadRequest r, Plan p) {
        double activation = m.activationBytesPerInput() * r.activationBytes() / 4.0;
        p.pass("forward", r.batch() * m.flopsPerInput(), p.weightBytes(m.parameters()) + 2 * activation * r.batch(),
                m.layers() / KERNELS_PER_LAYER, 1);
        p.activations((long) Math.ceil(activation * r.batch()), (long) activation + " B per input x batch " + r.batch());
        p.throughput(t -> m.unit() == ThroughputUnit.IMAGES ? new Throughput.Images(r.batch() / t, r.resolution())
                : m.unit() == ThroughputUnit.ROWS ? new Throughput.Rows(r.batch() / t)
                : new Throughput.Sequences(r.batch() / t, 0, 0, m.unit()));
        p.note(String.format(Locale.ROOT, "%.3g GFLOP per input (%s)", m.flopsPerInput() / 1e9,
                m.flopsPerInput() == 2.0 * m.parameters() ? "each weight used once: a lower bound for unknown shapes" : "published or computed"));
    }

    /** One transformer stack over {@code n} tokens for the request's batch. */
    private static void stack(Plan p, WorkloadRequest r, String name, int layers, int n, int h, int heads, int f,
                              double blockWeights, long stackParameters) {
        double flops = (double) r.batch() * layers * EncoderMath.blockFlops(n, h, blockWeights);
        double traffic = (double) r.batch() * layers * EncoderMath.blockTrafficValues(n, h, heads, f, r.flashAttention()) * r.activationBytes();
        p.pass(name, flops, p.weightBytes(stackParameters) + traffic, layers, 1);
    }

    /** Accumulates passes and memory lines, then turns them into an estimate. */
    private static final class Plan {
        private final WorkloadModel model;
        private final WorkloadRequest request;
        private final SpeedCeilings ceilings;
        private final WorkloadCalibration calibration;
        private final List<String> passNames = new ArrayList<>();
        private final List<double[]> passes = new ArrayList<>(); // flops, bytes, layers, repeats
        private final List<MemoryComponent> memory = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private java.util.function.DoubleFunction<Throughput> throughput;
        private boolean weightsSet;

        Plan(WorkloadModel model, WorkloadRequest request, SpeedCeilings ceilings, WorkloadCalibration calibration) {
            this.model = model;
            this.request = request;
            this.ceilings = ceilings;
            this.calibration = calibration;
        }

        double weightBytes(long parameters) {
            return parameters * request.weightBytesPerParameter();
        }

        /** @param layers transformer-layer equivalents of fixed cost (kernels / {@link #KERNELS_PER_LAYER}) */
        void pass(String name, double flops, double bytes, double layers, int repeats) {
            passNames.add(name);
            passes.add(new double[] {flops, bytes, layers, repeats});
        }

        double secondsOf(String name) {
            int i = passNames.indexOf(name);
            double[] q = passes.get(i);
            return time(q)[0] / q[3];
        }

        /** {total seconds, compute seconds, memory seconds, overhead seconds} of one pass with its repeats. */
        private double[] time(double[] q) {
            double compute = q[0] / (ceilings.flopsPerSecond() * calibration.computeEfficiency());
            double mem = q[1] / ceilings.bandwidthBytesPerSecond();
            double roof = Math.max(compute, mem) + (1 - ceilings.overlap()) * Math.min(compute, mem);
            double overhead = q[2] * ceilings.layerOverheadSeconds();
            return new double[] {q[3] * (roof + overhead), q[3] * compute, q[3] * mem, q[3] * overhead};
        }

        void activations(long bytes, String note) {
            memory.add(new MemoryComponent(WorkloadMemory.ACTIVATIONS, bytes, Origin.COMPUTED, note));
        }

        void activationsOfStack(WorkloadRequest r, int n, int h, int heads, int f, long batchInputs) {
            long perInput = (long) Math.ceil(EncoderMath.peakValues(n, h, heads, f, r.flashAttention()) * r.activationBytes());
            activations(Math.multiplyExact(perInput, batchInputs), String.format(Locale.ROOT,
                    "%d tokens x %d wide: residual + larger of attention%s and MLP phase = %.1f MiB per input x %d",
                    n, h, r.flashAttention() ? "" : " (with the " + heads + "-head score matrix)", perInput / 1048576.0, batchInputs));
        }

        void kvCache(long bytes, String note) {
            memory.add(new MemoryComponent(MemoryComponent.KV_CACHE, bytes, Origin.COMPUTED, note));
        }

        void weightsExact(long bytes, String note) {
            memory.add(0, new MemoryComponent(MemoryComponent.WEIGHTS, bytes, Origin.COMPUTED, note));
            weightsSet = true;
        }

        void throughput(java.util.function.DoubleFunction<Throughput> f) {
            throughput = f;
        }

        void note(String s) {
            notes.add(s);
        }

        WorkloadEstimate finish() {
            if (!weightsSet) {
                long weights = (long) Math.ceil(weightBytes(model.parameters()));
                memory.add(0, new MemoryComponent(MemoryComponent.WEIGHTS, weights, Origin.COMPUTED,
                        String.format(Locale.ROOT, "%d parameters x %s B", model.parameters(), trim(request.weightBytesPerParameter()))));
            }
            memory.add(new MemoryComponent(MemoryComponent.RUNTIME_OVERHEAD, request.runtimeOverheadBytes(), Origin.DEFAULT,
                    "runtime's fixed overhead on the device (CUDA context / ONNX Runtime arenas)"));
            double total = 0;
            double compute = 0;
            double mem = 0;
            double overhead = 0;
            double flops = 0;
            double bytes = 0;
            for (double[] q : passes) {
                double[] t = time(q);
                total += t[0];
                compute += t[1];
                mem += t[2];
                overhead += t[3];
                flops += q[0] * q[3];
                bytes += q[1] * q[3];
            }
            Bound bound = overhead > Math.max(compute, mem) ? Bound.OVERHEAD : compute >= mem ? Bound.COMPUTE : Bound.BANDWIDTH;
            List<Sourced> inputs = List.of(
                    new Sourced("bandwidth", ceilings.bandwidthBytesPerSecond(), "bytes/s", ceilings.origin(), ceilings.note()),
                    new Sourced("compute", ceilings.flopsPerSecond() * calibration.computeEfficiency(), "FLOP/s",
                            calibration.origin() == Origin.MEASURED ? Origin.MEASURED : ceilings.origin(),
                            calibration.origin() == Origin.MEASURED ? calibration.note() : ceilings.note()),
                    new Sourced("layerOverhead", ceilings.layerOverheadSeconds(), "s/layer", ceilings.origin(), "per kernel group per pass"),
                    new Sourced("flopsPerBatch", flops, "FLOP", Origin.COMPUTED, String.join(", ", passNames)),
                    new Sourced("bytesPerBatch", bytes, "bytes", Origin.COMPUTED, "weights once per pass + activation traffic"));
            notes.add(String.format(Locale.ROOT, "%s-bound: compute %.3g s, memory %.3g s, fixed per-layer %.3g s per batch",
                    bound.label(), compute, mem, overhead));
            return new WorkloadEstimate(model.name(), new MemoryBreakdown(memory), throughput.apply(total), bound, total,
                    request.batch(), flops, bytes, ceilings.origin(), inputs, notes);
        }

        private static String trim(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }
}
