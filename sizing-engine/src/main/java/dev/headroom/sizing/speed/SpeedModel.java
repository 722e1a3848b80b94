package dev.headroom.sizing.speed;

import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.KvCacheModel;
import dev.headroom.sizing.memory.SplitMode;
import dev.headroom.sizing.memory.WeightSizer;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;
import dev.headroom.sizing.model.TensorGroup;
import dev.headroom.sizing.model.TensorRole;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.provenance.Sourced;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.TensorTypePlanner;
import java.util.List;
import java.util.Locale;

/**
 * A roofline for transformer inference with fixed per-layer costs.
 *
 * <p>One decode step of {@code b} sequences reads every active weight once (MoE: shared plus routed
 * experts, via {@link WeightSizer#bytesReadPerToken}) and each sequence's KV cache up to its position,
 * and does 2 FLOP per active weight per sequence plus attention. Its time is
 * {@code max(bytes / bandwidth, work / compute-for-that-weight-format) + layers x overhead}; a device whose
 * compute rates do not already include memory stalls can let part of the smaller term add ({@link SpeedCeilings#overlap()}).
 * Prefill does the same work for many tokens per weight read and is compute-bound. Constants:
 * {@link #PCIE_BYTES_PER_SECOND}, {@link #PREFILL_UBATCH}, and the per-class ones in {@link ClassConstants}.
 */
public final class SpeedModel {
    /**
     * Achievable host-to-device copy rate for partial offload: PCIe 4.0 x16 is 31.5 GB/s raw, about
     * 25 GB/s in practice (measured by CUDA bandwidthTest on typical desktops).
     */
    public static final double PCIE_BYTES_PER_SECOND = 25e9;
    /** Prompt tokens llama.cpp processes per forward pass ({@code n_ubatch} default 512); fixed costs are paid per pass. */
    public static final int PREFILL_UBATCH = 512;
    /**
     * Prompt tokens llama.cpp hands to one {@code llama_decode} call ({@code n_batch} default 2048, common/common.h): with a
     * layer split its micro-batches run as a pipeline across the GPUs within one call, and the pipeline drains between calls.
     */
    public static final int PREFILL_BATCH = 2048;
    /**
     * Bytes moved per attention score without flash attention: the score matrix is written by the K x Q product (F32),
     * read and written by the masked softmax, and read by the V product: 4 passes of 4 bytes; llama.cpp materialises
     * it for every micro-batch against every cached position (ggml_soft_max_ext over a n_kv x n_ubatch x heads tensor).
     */
    static final double SCORE_BYTES_NO_FLASH_ATTENTION = 16;
    private static final int MAX_DEVICES = 64;

    private SpeedModel() {
    }

    /** Speed with all weights on one device described by full ceilings (per-format compute, overheads). */
    public static SpeedEstimate onDevice(DeploymentRequest request, SpeedCeilings ceilings) {
        return split(request, 1.0, ceilings, ceilings);
    }

    /**
     * Partial offload: each token passes through the GPU part and then the CPU part, so their times add,
     * plus the activations crossing PCIe. For prompts, llama.cpp copies CPU-resident weights to the GPU
     * and multiplies there when that is faster, so the CPU part costs the lesser of its own compute and
     * the PCIe copy plus GPU compute.
     */
    public static SpeedEstimate split(DeploymentRequest request, double gpuFraction, SpeedCeilings gpu, SpeedCeilings cpu) {
        return split(request, gpuFraction, gpu, cpu, Math.min(request.contextTokens(), PREFILL_UBATCH), request.contextTokens());
    }

    /**
     * {@link #split(DeploymentRequest, double, SpeedCeilings, SpeedCeilings)} for a prompt of {@code promptTokens}
     * and decode at KV position {@code decodeContextTokens}.
     */
    public static SpeedEstimate split(DeploymentRequest request, double gpuFraction, SpeedCeilings gpu, SpeedCeilings cpu,
                                      long promptTokens, long decodeContextTokens) {
        if (!(gpuFraction >= 0 && gpuFraction <= 1)) {
            throw new IllegalArgumentException("gpuFraction: must be within 0..1, was " + gpuFraction);
        }
        ModelArchitecture a = request.model();
        long context = decodeContextTokens;
        Step g = decodeStep(request, context, 1, gpu, 1).scaled(gpuFraction);
        Step c = decodeStep(request, context, 1, cpu, 1).scaled(1 - gpuFraction);
        boolean crosses = gpuFraction > 0 && gpuFraction < 1;
        double pcie = crosses ? 2.0 * a.hiddenSize() * Float.BYTES / PCIE_BYTES_PER_SECOND : 0;
        double seconds = g.total() + c.total() + pcie;

        long prompt = Math.max(1, promptTokens);
        double gpuPrefill = gpuFraction * prefillSeconds(request, prompt, gpu, 1);
        double cpuPrefill = (1 - gpuFraction) * prefillSeconds(request, prompt, cpu, 1);
        if (crosses) {
            double viaGpu = (1 - gpuFraction) * (WeightSizer.weightBytes(a, request.precision()) / PCIE_BYTES_PER_SECOND
                    + prefillSeconds(request, prompt, gpu, 1));
            cpuPrefill = Math.min(cpuPrefill, viaGpu);
        }
        double prefillRate = prompt / (gpuPrefill + cpuPrefill);

        SpeedCeilings first = gpuFraction > 0 ? gpu : cpu;
        String bound = (g.memory() + c.memory()) >= (g.compute() + c.compute()) ? "bandwidth" : "compute";
        return new SpeedEstimate(1.0 / seconds, prefillRate, bound, List.of(
                new Sourced("bytesReadPerToken", bytesPerStep(request, context, 1), "bytes", Origin.COMPUTED,
                        "active weights (MoE: routed share) + KV cache at context " + context),
                new Sourced("flopsPerToken", flopsPerToken(a, context), "FLOP", Origin.COMPUTED, "2 x active parameters + attention"),
                new Sourced("bandwidth", first.bandwidthBytesPerSecond(), "bytes/s", first.origin(), first.note()),
                new Sourced("compute", first.decodeFlopsFor(request.precision().baseType()), "FLOP/s", first.origin(), first.note()),
                new Sourced("layerOverhead", first.layerOverheadSeconds(), "s", first.origin(), "fixed cost per layer per token")));
    }

    /**
     * Serving speed on {@code devices} identical devices splitting every layer's matrices (llama.cpp
     * {@code --split-mode row}, tensor parallel): each reads and multiplies 1/devices of the weights and
     * they synchronise once per layer. Batch = {@code request.sequences()} sequences decoding together.
     *
     * @param promptTokens tokens of the prompt (prefill and time to first token)
     * @param decodeContextTokens the context position at which decode speed is wanted (e.g. prompt + half the generation)
     */
    public static ServingEstimate serve(DeploymentRequest request, SpeedCeilings ceilings, int devices, long promptTokens,
                                        long decodeContextTokens) {
        if (devices < 1 || devices > MAX_DEVICES) {
            throw new IllegalArgumentException("devices: must be within 1.." + MAX_DEVICES + ", was " + devices);
        }
        if (promptTokens < 1 || decodeContextTokens < 0 || decodeContextTokens > DeploymentRequest.MAX_CONTEXT) {
            throw new IllegalArgumentException("promptTokens: must be positive and context within 0.." + DeploymentRequest.MAX_CONTEXT
                    + ", were " + promptTokens + ", " + decodeContextTokens);
        }
        Step one = decodeStep(request, decodeContextTokens, 1, ceilings, devices);
        Step batch = decodeStep(request, decodeContextTokens, request.sequences(), ceilings, devices);
        double prefill = prefillSeconds(request, promptTokens, ceilings, devices);
        boolean layerSplit = devices > 1 && request.runtime().splitMode() == SplitMode.LAYER;
        String bound = one.host() > one.total() - 1e-15 && one.host() > 0 ? "host dispatch"
                : one.overhead() > Math.max(one.memory(), one.compute()) ? "overhead"
                : one.memory() >= one.compute() ? "bandwidth" : "compute";
        return new ServingEstimate(1.0 / one.total(), promptTokens / prefill, prefill + one.total(),
                request.sequences() / batch.total(), request.sequences(), bound, List.of(
                new Sourced("bytesPerStep", bytesPerStep(request, decodeContextTokens, 1), "bytes", Origin.COMPUTED,
                        "active weights + KV cache at context " + decodeContextTokens),
                new Sourced("bandwidth", ceilings.bandwidthBytesPerSecond() * (layerSplit ? 1 : devices), "bytes/s", ceilings.origin(),
                        layerSplit ? ceilings.note() + "; layer split: one token passes the GPUs in turn" : ceilings.note()),
                new Sourced("compute", ceilings.flopsPerSecond() * devices, "FLOP/s", ceilings.origin(), ceilings.note()),
                new Sourced("overheadPerStep", one.overhead(), "s", ceilings.origin(), layerSplit
                        ? String.format(Locale.ROOT, "%d layers x %.0f us + %d GPU boundaries x %.0f us", request.model().layers(),
                                ceilings.layerOverheadSeconds() * 1e6, devices - 1, boundarySeconds(request.model(), 1, ceilings) * 1e6)
                        : String.format(Locale.ROOT,
                        "%d layers x (%.0f us + split %.0f us + %d extra devices x %.0f us)", request.model().layers(),
                        ceilings.layerOverheadSeconds() * 1e6, devices > 1 ? ceilings.splitLayerSeconds() * 1e6 : 0, devices - 1,
                        ceilings.peerSyncSecondsPerLayer() * 1e6))));
    }

    /** A serving estimate as the one-sequence speed view (decode of one sequence, prefill of the prompt). */
    public static SpeedEstimate single(ServingEstimate s) {
        return new SpeedEstimate(s.decodeTokensPerSecond(), s.prefillTokensPerSecond(), s.decodeBound(), s.inputs());
    }

    /** The terms of one decode step, seconds; {@code host} is the runtime's dispatch time, overlapping the device's work. */
    record Step(double memory, double compute, double overhead, double overlap, double host) {
        double total() {
            return Math.max(host, Math.max(memory, compute) + (1 - overlap) * Math.min(memory, compute) + overhead);
        }

        Step scaled(double f) {
            return new Step(memory * f, compute * f, overhead * f, overlap, host * f);
        }
    }

    static Step decodeStep(DeploymentRequest r, long context, int batch, SpeedCeilings c, int devices) {
        ModelArchitecture a = r.model();
        boolean graphs = RuntimeSpeed.replaysGraphs(r.runtime());
        double host = a.layers() * RuntimeSpeed.hostSecondsPerLayer(r.runtime());
        double between = batch * RuntimeSpeed.hostSecondsPerSequence(r.runtime());
        if (devices > 1 && r.runtime().splitMode() == SplitMode.LAYER) {
            // Layer split: the GPUs work one after another, each on its own layers, so a step streams every weight at one
            // GPU's bandwidth; each boundary between GPUs costs a copy of the hidden states and a wait.
            double memory = bytesPerStep(r, context, batch) / c.bandwidthBytesPerSecond();
            double compute = batch * (weightComputeSeconds(r, c) + attentionFlops(a, context) / c.flopsPerSecond());
            double overhead = a.layers() * c.layerOverheadSeconds() * (graphs ? RuntimeSpeed.GRAPH_LAYER_SHARE : 1)
                    + (devices - 1) * boundarySeconds(a, batch, c) + between;
            return new Step(memory, compute, overhead, c.overlap(), host);
        }
        double memory = bytesPerStep(r, context, batch) / (c.bandwidthBytesPerSecond() * devices);
        double compute = batch * (weightComputeSeconds(r, c) + attentionFlops(a, context) / c.flopsPerSecond()) / devices;
        double allReduce = RuntimeSpeed.tensorParallelSyncSecondsPerLayer(r.runtime(), devices);
        double perLayer = (Double.isNaN(allReduce) ? c.layerSecondsOn(devices) : c.layerOverheadSeconds() + allReduce)
                - (graphs ? (1 - RuntimeSpeed.GRAPH_LAYER_SHARE) * c.layerOverheadSeconds() : 0);
        double overhead = a.layers() * perLayer + between;
        return new Step(memory, compute, overhead, c.overlap(), host);
    }

    /**
     * One boundary of a layer split per forward pass: the hidden states of {@code tokens} tokens (F32) cross PCIe, and the
     * next GPU waits for them, which costs about one layer's fixed time (a copy and an event, the same kind of small
     * synchronised operation the per-layer cost holds). Not fitted: the bundled measurements have no layer-split rows.
     */
    static double boundarySeconds(ModelArchitecture a, long tokens, SpeedCeilings c) {
        return c.layerOverheadSeconds() + (double) tokens * a.hiddenSize() * Float.BYTES / PCIE_BYTES_PER_SECOND;
    }

    /** Weights read once per step, plus each sequence's KV cache up to {@code context}. */
    static double bytesPerStep(DeploymentRequest r, long context, int batch) {
        double kv = context == 0 ? 0 : KvCacheModel.bytes(r.model(), context, 1, r.kvCacheType());
        return WeightSizer.bytesReadPerToken(r.model(), r.precision()) + batch * kv;
    }

    /**
     * Matrix-vector time for one token: 2 FLOP per active weight at the rate of the format llama.cpp's
     * quantizer gives each tensor group (so the Q6_K output head of a Q4_K_M file runs at Q6_K's rate).
     */
    static double weightComputeSeconds(DeploymentRequest r, SpeedCeilings c) {
        ModelArchitecture a = r.model();
        double expertShare = a.isMixtureOfExperts() ? (double) a.expertsPerToken() / a.experts() : 1.0;
        double seconds = 0;
        for (TensorGroup g : ParameterCounter.tensorGroups(a)) {
            boolean embedding = g.role() == TensorRole.TOKEN_EMBEDDING || g.role() == TensorRole.POSITION_EMBEDDING;
            if (embedding && !(g.role() == TensorRole.TOKEN_EMBEDDING && a.tiedEmbeddings())) {
                continue; // one row is looked up, no multiply
            }
            GgmlType type = TensorTypePlanner.typeFor(r.precision(), g, a);
            double params = g.perExpert() ? g.parameters() * expertShare : g.parameters();
            seconds += 2.0 * params / c.decodeFlopsFor(type);
        }
        return seconds;
    }

    /**
     * Prompt of {@code tokens}, processed in micro-batches of {@link #PREFILL_UBATCH} ({@code n_ubatch}): per micro-batch
     * 2 FLOP per active weight per token plus causal attention at the format's matrix rate, every weight read once, the
     * backend's dequantization pass of GGUF block formats where it has one ({@link SpeedCeilings#dequantizesBeforePrefill};
     * PyTorch runtimes multiply FP8/INT4 weights in fused kernels), without flash
     * attention the score matrix's traffic against every cached position, and the fixed per-layer costs.
     * On several GPUs: a row split divides each micro-batch's work; a layer split runs the micro-batches of each
     * {@link #PREFILL_BATCH}-token call as a pipeline, so k micro-batches on n GPUs take (k + n - 1) stages of 1/n of a
     * micro-batch's time each.
     */
    static double prefillSeconds(DeploymentRequest r, long tokens, SpeedCeilings c, int devices) {
        boolean layerSplit = devices > 1 && r.runtime().splitMode() == SplitMode.LAYER;
        int shares = layerSplit ? 1 : devices;
        long ubatch = passTokens(r);
        long batch = Math.max(ubatch, r.runtime().loadsGguf() ? PREFILL_BATCH : ubatch);
        double total = 0;
        long done = 0;
        while (done < tokens) {
            long call = Math.min(batch, tokens - done);
            long passes = (call + ubatch - 1) / ubatch;
            double callSeconds = 0;
            for (long p = 0; p < passes; p++) {
                long u = Math.min(ubatch, call - p * ubatch);
                callSeconds += passSeconds(r, u, done + p * ubatch, c, shares);
            }
            if (layerSplit) {
                // Pipeline: each stage does 1/n of a micro-batch; the first micro-batch fills it, the others follow one stage apart.
                double stage = callSeconds / passes / devices;
                callSeconds = (passes + devices - 1) * stage + (devices - 1) * boundarySeconds(r.model(), Math.min(ubatch, call), c);
            }
            total += callSeconds;
            done += call;
        }
        return total;
    }

    /**
     * Prompt tokens per forward pass: the runtime's micro-batch (llama.cpp {@code n_ubatch} 512, vLLM's
     * {@code max_num_batched_tokens} 2048); a runtime without one (transformers {@code generate()}) runs the prompt at once.
     */
    static long passTokens(DeploymentRequest r) {
        int m = r.runtime().microBatchTokens();
        return m > 1 ? m : Long.MAX_VALUE / 4;
    }

    /** One forward pass of {@code u} prompt tokens after {@code offset} cached ones, its work divided over {@code shares} GPUs. */
    static double passSeconds(DeploymentRequest r, long u, long offset, SpeedCeilings c, int shares) {
        ModelArchitecture a = r.model();
        GgmlType type = r.precision().baseType();
        // Causal attention of the u new tokens: on average each attends to offset + (u + 1) / 2 positions.
        double flops = 2.0 * ParameterCounter.activeParametersPerToken(a) * u + attentionFlops(a, offset + (u + 1) / 2) * u;
        double compute = flops / (c.prefillFlopsFor(type) * shares);
        double read = WeightSizer.bytesReadPerToken(a, r.precision()) / (c.bandwidthBytesPerSecond() * shares);
        double dequant = r.runtime().loadsGguf() && c.dequantizesBeforePrefill(type)
                ? (WeightSizer.weightBytes(a, r.precision()) + 2.0 * ParameterCounter.activeParametersPerToken(a))
                        / (c.prefillDequantBytesPerSecond() * shares)
                : 0;
        double scores = r.runtime().flashAttention() ? 0
                : scoreElements(a, u, offset) * SCORE_BYTES_NO_FLASH_ATTENTION / (c.bandwidthBytesPerSecond() * shares);
        double allReduce = RuntimeSpeed.tensorParallelSyncSecondsPerLayer(r.runtime(), shares);
        double overhead = a.layers() * (Double.isNaN(allReduce) ? c.layerSecondsOn(shares) : c.layerOverheadSeconds() + allReduce);
        return Math.max(compute, read) + (1 - c.overlap()) * Math.min(compute, read) + dequant + scores + overhead;
    }

    /**
     * Attention scores a pass of {@code u} tokens materialises without flash attention: per attention head of every
     * full-attention layer a u x (offset + u) matrix (the new tokens against all cached positions, masked), on sliding
     * layers against at most the window.
     */
    static double scoreElements(ModelArchitecture a, long u, long offset) {
        long full = a.layersOf(dev.headroom.sizing.model.LayerKind.FULL_ATTENTION);
        long windowed = a.layersOf(dev.headroom.sizing.model.LayerKind.SLIDING_ATTENTION);
        double kv = offset + u;
        return (double) a.attentionHeads() * u * (full * kv + windowed * Math.min(kv, a.slidingWindow() + u));
    }

    static double flopsPerToken(ModelArchitecture a, long context) {
        return 2.0 * ParameterCounter.activeParametersPerToken(a) + attentionFlops(a, context);
    }

    /**
     * Attention score and value FLOPs for one token against {@code context} cached tokens: per full attention layer
     * 4 x heads x headDim x context, per sliding layer the same over at most the window; with multi-head latent
     * attention the absorbed form runtimes decode with (vLLM's MLA backends, llama.cpp's MLA path): scores over the
     * latent + rotary key and values over the latent, 2 x heads x (2 x kvLoraRank + qkRopeHeadDim) per cached token.
     * Recurrent layers (Mamba, gated DeltaNet) update a constant state: about 4 FLOP per state element, whatever the
     * context.
     */
    static double attentionFlops(ModelArchitecture a, long context) {
        dev.headroom.sizing.model.ArchitectureExtensions x = a.extensions();
        double perCachedToken = x.isLatentAttention()
                ? 2.0 * a.attentionHeads() * (2.0 * x.kvLoraRank() + x.qkRopeHeadDim())
                : 4.0 * a.attentionHeads() * a.headDim();
        long full = a.layersOf(dev.headroom.sizing.model.LayerKind.FULL_ATTENTION);
        long windowed = a.layersOf(dev.headroom.sizing.model.LayerKind.SLIDING_ATTENTION);
        double flops = perCachedToken * (full * (double) context + windowed * (double) Math.min(context, a.slidingWindow()));
        long stateBytes = KvCacheModel.recurrentStateBytes(a);
        return flops + 4.0 * stateBytes / KvCacheModel.RECURRENT_STATE_BYTES;
    }
}
