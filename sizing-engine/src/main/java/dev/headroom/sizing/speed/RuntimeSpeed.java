package dev.headroom.sizing.speed;

import dev.headroom.sizing.memory.RuntimeProfile;

/**
 * What a runtime adds to a decode step beyond the device's work, as data: the host's time to issue one layer's
 * kernels. llama.cpp and vLLM (CUDA graphs) issue a token's graph at once, so only the device's per-layer cost
 * ({@link ClassConstants}) counts. Hugging Face transformers in eager mode dispatches every operator from Python,
 * one after another; when that is slower than the GPU executes them, the host sets the pace and the step takes
 * {@code layers x hostSecondsPerLayer} (the device works meanwhile, so the two overlap: the step is the larger).
 */
public final class RuntimeSpeed {
    /**
     * Eager PyTorch per layer per token: 1.2 ms. From the PyTorch team's gpt-fast baseline, Llama-2-7B in eager
     * bf16 on an A100-80GB at 25.5 tokens/s (https://pytorch.org/blog/accelerating-generative-ai-2/, "Starting
     * point"): 39.2 ms per token over 32 layers, against about 11 ms of weight streaming and per-layer device cost
     * in this model: the host's 1.2 ms per layer is the binding term. gpt-fast's eager model has fewer operators per
     * layer than transformers' LlamaDecoderLayer, so for transformers this is a lower bound of the cost.
     */
    public static final double EAGER_HOST_SECONDS_PER_LAYER = 1.2e-3;

    /**
     * vLLM's host time per sequence per decode step (scheduling, sampling, detokenising and building outputs in Python),
     * paid between GPU steps: vLLM's own profile of v0.5.3 (blog "vLLM v0.6.0: 2.7x Throughput Improvement", 2024-09-05:
     * Llama 3 8B on one H100, the HTTP server 33% and scheduling 29% of the time) shows these costs grow with the
     * batch. Fitted on the one public concurrency sweep the project bundles (Mistral-7B on an RTX 4090, 4-48 users,
     * validation/serving_benchmarks.csv): in-sample, no second sweep to judge it on.
     */
    public static final double VLLM_HOST_SECONDS_PER_SEQUENCE = 150e-6;

    /**
     * One all-reduce of a decode step's activations between tensor-parallel GPUs in vLLM (custom one-shot all-reduce or
     * NCCL, captured in the CUDA graph), seconds; two per layer (after attention and after the MLP). Latency-bound at
     * decode sizes (tens of KB), and about flat in the GPU count within a host: 46-57 us at 8-32 KB on 8 PCIe GPUs
     * (vllm-project/vllm issue 50576, NCCL and one-shot kernels), 6 us on two NVLink-connected H100s with CUDA graphs
     * (NVIDIA/nccl issue 1259). The PCIe figure is taken, an upper bound for NVLink hosts. llama.cpp's row split instead
     * gathers every matrix's partial results through the host ({@link ClassConstants#peerSyncSecondsPerLayer()}).
     */
    public static final double VLLM_ALLREDUCE_SECONDS = 50e-6;

    /**
     * Share of the class's per-layer cost ({@link ClassConstants#layerOverheadSeconds(MemoryTechnology)}) a decode step
     * still pays when it is replayed as a CUDA graph: the launches go, the kernels' fixed execution and tail latency stay.
     * Read off two public rows the llama.cpp fit never saw, both HBM parts at batch 1: gpt-fast's compiled Llama-2-7B on an
     * A100 at 107.0 tokens/s (9.35 ms; 2.1 ms above this model's streaming time, 65 us per layer) and vLLM's Qwen3-8B on
     * an H100 at 7.2 ms TPOT (gpustack performance lab; 2.0 ms above, 55 us per layer): about 0.35 of the 170 us HBM cost.
     */
    public static final double GRAPH_LAYER_SHARE = 0.35;

    private RuntimeSpeed() {
    }

    /**
     * The synchronisation per layer per decode step a row split over {@code devices} GPUs costs in this runtime, or NaN
     * where the class's fitted per-extra-GPU constant applies (llama.cpp {@code -sm row}).
     */
    public static double tensorParallelSyncSecondsPerLayer(RuntimeProfile runtime, int devices) {
        if (devices <= 1) {
            return 0;
        }
        return runtime != null && runtime.name().equals(RuntimeProfile.VLLM.name()) ? 2 * VLLM_ALLREDUCE_SECONDS : Double.NaN;
    }

    /** The host's time per sequence per decode step that adds to the device's step (vLLM); 0 elsewhere. */
    public static double hostSecondsPerSequence(RuntimeProfile runtime) {
        return runtime != null && runtime.name().equals(RuntimeProfile.VLLM.name()) ? VLLM_HOST_SECONDS_PER_SEQUENCE : 0;
    }

    /**
     * Whether a runtime replays each decode step as a captured CUDA graph (vLLM by default; transformers with a static cache
     * and torch.compile): the per-layer launch and
     * synchronisation cost that the llama.cpp-fitted {@link ClassConstants#layerOverheadSeconds()} holds (early-2024
     * llama.cpp builds issued every kernel from the host) is then not paid; multi-GPU synchronisation still is.
     */
    public static boolean replaysGraphs(RuntimeProfile runtime) {
        return runtime != null && (runtime.name().equals(RuntimeProfile.VLLM.name())
                || runtime.name().equals(RuntimeProfile.TRANSFORMERS_COMPILED.name()));
    }

    /** The host's time per layer per decode step of a runtime; 0 where the whole graph is issued at once. */
    public static double hostSecondsPerLayer(RuntimeProfile runtime) {
        return runtime != null && runtime.name().equals(RuntimeProfile.TRANSFORMERS.name()) ? EAGER_HOST_SECONDS_PER_LAYER : 0;
    }
}
