package dev.headroom.sizing.memory;

import dev.headroom.sizing.quant.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an inference runtime adds around weights and KV cache, as data. Each built-in profile cites its
 * constants; the formula that turns them into bytes is {@link ComputeBufferModel}.
 *
 * @param name the runtime's name as users type it
 * @param microBatchTokens tokens per micro-batch of the compute graph (llama.cpp {@code n_ubatch});
 *     for vLLM the minimum {@code max_num_batched_tokens} (2048)
 * @param fixedOverheadBytes per-process memory beyond buffers on one GPU (CUDA context, runtime heap;
 *     vLLM's measured {@code non_torch_memory})
 * @param source where the defaults were taken from
 * @param kvAllocationTokens allocation unit of the KV cache in tokens per sequence (vLLM block 16,
 *     llama.cpp context padding 256, transformers 1)
 * @param computeModel how the compute buffer / activation peak is sized
 * @param gpuMemoryUtilization share of GPU memory the runtime lets itself use (vLLM 0.9, others 1.0)
 * @param defaultContextTokens context used when the user gives none (0 = the model's maximum)
 * @param maxNumSeqs sequences a scheduler profiles for (vLLM {@code max_num_seqs} 256); 1 elsewhere
 * @param perExtraGpuBytes memory each additional tensor-parallel rank adds per GPU (NCCL buffers)
 * @param flashAttention whether attention runs without materialising the score matrix
 * @param splitMode how the runtime spreads a model over several GPUs ({@link SplitMode}): llama.cpp, Ollama and
 *     transformers split by layers, vLLM by rows (tensor parallelism)
 */
public record RuntimeProfile(String name, int microBatchTokens, long fixedOverheadBytes, String source,
                             int kvAllocationTokens, ComputeBufferModel computeModel, double gpuMemoryUtilization,
                             long defaultContextTokens, int maxNumSeqs, long perExtraGpuBytes, boolean flashAttention,
                             SplitMode splitMode) {
    private static final long MIB = 1L << 20;

    /**
     * llama.cpp: {@code n_ubatch} 512 and {@code n_ctx} 4096 (common/common.h), context padded to 256
     * (src/llama-context.cpp), no flash attention unless {@code -fa}. The CUDA context (~300 MiB on
     * current drivers) is outside the buffers llama.cpp logs; it is a DEFAULT assumption.
     */
    public static final RuntimeProfile LLAMA_CPP = new RuntimeProfile("llama.cpp", 512, 300 * MIB,
            "llama.cpp common/common.h (n_ctx 4096, n_batch 2048, n_ubatch 512), src/llama-context.cpp (n_ctx padded to 256);"
                    + " CUDA context ~300 MiB (DEFAULT)",
            256, ComputeBufferModel.LLAMA_CPP_GRAPH, 1.0, 4096, 1, 0, false, SplitMode.LAYER);

    /**
     * Ollama: llama.cpp with Ollama's defaults: {@code num_ctx} 4096 (api/types.go DefaultOptions since
     * v0.6; 2048 before), {@code num_batch} 512, one parallel slot, flash attention off by default.
     */
    public static final RuntimeProfile OLLAMA = new RuntimeProfile("ollama", 512, 300 * MIB,
            "Ollama api/types.go DefaultOptions (num_ctx 4096, num_batch 512), OLLAMA_NUM_PARALLEL 1; llama.cpp graph;"
                    + " CUDA context ~300 MiB (DEFAULT)",
            256, ComputeBufferModel.LLAMA_CPP_GRAPH, 1.0, 4096, 1, 0, false, SplitMode.LAYER);

    /**
     * vLLM: {@code gpu_memory_utilization} 0.9, {@code block_size} 16, {@code max_num_seqs} 256
     * (vllm/config.py, engine/arg_utils.py); {@code non_torch_memory} 1.79 GiB per GPU and +1.79 GiB per
     * GPU with tensor parallelism 2 (NCCL), as vLLM's worker logged them (vllm-project/vllm PR 10511,
     * comment 2024-12-14; shared/validation/measured_memory.csv rows 114 and 118).
     */
    public static final RuntimeProfile VLLM = new RuntimeProfile("vllm", 2048, 1833 * MIB,
            "vLLM vllm/config.py (gpu_memory_utilization 0.9, block_size 16, max_num_seqs 256, max_num_batched_tokens"
                    + " = max(max_model_len, 2048)); non_torch_memory 1.79 GiB (+1.79 GiB per GPU at TP 2) logged in vLLM PR 10511",
            16, ComputeBufferModel.VLLM_PROFILE, 0.9, 0, 256, 1833 * MIB, true, SplitMode.ROW);

    /**
     * Hugging Face transformers {@code generate()} with SDPA attention (no score matrix), logits for the
     * last position only (num_logits_to_keep, transformers 4.45+), dynamic cache; PyTorch CUDA context
     * ~500 MiB (DEFAULT; vLLM measures 1.79 GiB of non-torch memory including cuBLAS workspaces).
     */
    public static final RuntimeProfile TRANSFORMERS = new RuntimeProfile("transformers", 1, 500 * MIB,
            "transformers generate() with SDPA, num_logits_to_keep=1, DynamicCache; PyTorch CUDA context ~500 MiB (DEFAULT)",
            1, ComputeBufferModel.TRANSFORMERS_EAGER, 1.0, 0, 1, 0, true, SplitMode.LAYER);

    /**
     * Hugging Face transformers with a static KV cache and {@code torch.compile(mode="reduce-overhead")}: the decode step
     * is captured as a CUDA graph, so Python no longer dispatches each operator (transformers docs, "LLM optimization:
     * static kv-cache and torch.compile"; gpt-fast's compiled baseline). Memory as eager transformers; the static cache
     * is allocated for the whole context up front, which the KV term already assumes.
     */
    public static final RuntimeProfile TRANSFORMERS_COMPILED = new RuntimeProfile("transformers-compiled", 1, 500 * MIB,
            "transformers generate() with cache_implementation=\"static\" and torch.compile (CUDA graphs); PyTorch CUDA context ~500 MiB (DEFAULT)",
            1, ComputeBufferModel.TRANSFORMERS_EAGER, 1.0, 0, 1, 0, true, SplitMode.LAYER);

    public static final List<RuntimeProfile> BUILT_IN = List.of(LLAMA_CPP, OLLAMA, VLLM, TRANSFORMERS, TRANSFORMERS_COMPILED);

    /** The foundation's four-field form: a llama.cpp-like runtime with the given micro-batch and overhead. */
    public RuntimeProfile(String name, int microBatchTokens, long fixedOverheadBytes, String source) {
        this(name, microBatchTokens, fixedOverheadBytes, source, 256, ComputeBufferModel.LLAMA_CPP_GRAPH, 1.0, 4096, 1, 0, false,
                SplitMode.LAYER);
    }

    /** The eleven-field form (before split modes): llama.cpp-like runtimes split by layers, vLLM by rows. */
    public RuntimeProfile(String name, int microBatchTokens, long fixedOverheadBytes, String source, int kvAllocationTokens,
                          ComputeBufferModel computeModel, double gpuMemoryUtilization, long defaultContextTokens, int maxNumSeqs,
                          long perExtraGpuBytes, boolean flashAttention) {
        this(name, microBatchTokens, fixedOverheadBytes, source, kvAllocationTokens, computeModel, gpuMemoryUtilization,
                defaultContextTokens, maxNumSeqs, perExtraGpuBytes, flashAttention,
                computeModel == ComputeBufferModel.VLLM_PROFILE ? SplitMode.ROW : SplitMode.LAYER);
    }

    public RuntimeProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("runtime name: missing");
        }
        if (microBatchTokens <= 0) {
            throw new IllegalArgumentException("microBatchTokens: must be positive, was " + microBatchTokens);
        }
        if (fixedOverheadBytes < 0 || perExtraGpuBytes < 0) {
            throw new IllegalArgumentException("fixedOverheadBytes: must not be negative, was " + fixedOverheadBytes);
        }
        if (kvAllocationTokens <= 0 || maxNumSeqs <= 0 || defaultContextTokens < 0) {
            throw new IllegalArgumentException(name + ": kvAllocationTokens and maxNumSeqs must be positive");
        }
        if (!(gpuMemoryUtilization > 0 && gpuMemoryUtilization <= 1)) {
            throw new IllegalArgumentException("gpuMemoryUtilization: must be within (0, 1], was " + gpuMemoryUtilization);
        }
        if (computeModel == null) {
            throw new IllegalArgumentException("computeModel: missing");
        }
        if (splitMode == null) {
            throw new IllegalArgumentException("splitMode: missing");
        }
        source = source == null ? "" : source;
    }

    /**
     * Whether the runtime loads GGUF files (llama.cpp, Ollama): their F16/BF16/F32 files keep norms and
     * position tables in F32. PyTorch runtimes hold every tensor of a 16-bit checkpoint in 16 bits.
     */
    public boolean loadsGguf() {
        return computeModel == ComputeBufferModel.LLAMA_CPP_GRAPH;
    }

    /** A copy with flash attention on or off (llama.cpp {@code -fa}). */
    public RuntimeProfile withFlashAttention(boolean on) {
        return new RuntimeProfile(name, microBatchTokens, fixedOverheadBytes, source, kvAllocationTokens, computeModel,
                gpuMemoryUtilization, defaultContextTokens, maxNumSeqs, perExtraGpuBytes, on, splitMode);
    }

    /** A copy with another multi-GPU split (llama.cpp {@code --split-mode}). */
    public RuntimeProfile withSplitMode(SplitMode mode) {
        return new RuntimeProfile(name, microBatchTokens, fixedOverheadBytes, source, kvAllocationTokens, computeModel,
                gpuMemoryUtilization, defaultContextTokens, maxNumSeqs, perExtraGpuBytes, flashAttention, mode);
    }

    /**
     * The built-in profile with this name ({@code llama.cpp}, {@code llamacpp}, {@code ollama}, {@code vllm},
     * {@code transformers}, {@code hf}).
     *
     * @throws IllegalArgumentException listing the valid names and the nearest one
     */
    public static RuntimeProfile parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("runtime: missing value; valid: " + String.join(", ", names()));
        }
        String key = text.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "llamacpp": case "llama-cpp": case "llama_cpp": return LLAMA_CPP;
            case "hf": case "huggingface": case "hf-transformers": return TRANSFORMERS;
            case "transformers-compile": case "hf-compiled": case "transformers-static": return TRANSFORMERS_COMPILED;
            default: break;
        }
        for (RuntimeProfile p : BUILT_IN) {
            if (p.name.equalsIgnoreCase(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("runtime: unknown '" + text + "'; did you mean " + Names.nearest(key, names())
                + "? valid: " + String.join(", ", names()));
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (RuntimeProfile p : BUILT_IN) {
            names.add(p.name);
        }
        return names;
    }
}
