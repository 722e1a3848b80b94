package dev.headroom.sizing.serving;

import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryModel;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.memory.RuntimeProfile;

/**
 * A continuous-batching server: its KV pool and its scheduler limits.
 *
 * @param pool where the KV cache lives
 * @param tokenBudget tokens one step computes at most, decode and prefill together (vLLM
 *                    {@code max_num_batched_tokens}; llama.cpp {@code n_batch}; Ollama {@code num_batch})
 * @param maxRunning sequences running at once (vLLM {@code max_num_seqs}; the slot count for llama.cpp and Ollama)
 * @param maxModelLen longest prompt + output accepted, tokens (vLLM {@code max_model_len}; the slot size for slots)
 */
public record ServerConfig(KvPool pool, int tokenBudget, int maxRunning, long maxModelLen) {
    /** vLLM's block size ({@code --block-size} default 16, vllm/config.py CacheConfig). */
    public static final int VLLM_BLOCK_TOKENS = 16;
    /**
     * vLLM V1's OpenAI-server defaults by GPU: {@code max_num_batched_tokens} 8192 and {@code max_num_seqs}
     * 1024 on GPUs with at least 70 GiB that are not A100s (H100, H200, MI300X), 2048 and 256 otherwise
     * (vllm/engine/arg_utils.py, EngineArgs batch defaults; the A100 exception is vLLM PR 17885).
     */
    public static final int VLLM_BATCHED_TOKENS_LARGE_GPU = 8192;
    public static final int VLLM_MAX_SEQS_LARGE_GPU = 1024;
    public static final int VLLM_BATCHED_TOKENS = 2048;
    public static final int VLLM_MAX_SEQS = 256;
    /** llama.cpp server's {@code n_batch} default (common/common.h). */
    public static final int LLAMA_CPP_BATCH = 2048;

    public ServerConfig {
        if (pool == null) {
            throw new IllegalArgumentException("pool: required");
        }
        if (tokenBudget < 1 || tokenBudget > 1_048_576) {
            throw new IllegalArgumentException("max batched tokens: must be within 1..1048576, was " + tokenBudget);
        }
        if (maxRunning < 1 || maxRunning > 65_536) {
            throw new IllegalArgumentException("max sequences: must be within 1..65536, was " + maxRunning);
        }
        if (maxModelLen < 1 || maxModelLen > LengthDistribution.MAX_TOKENS) {
            throw new IllegalArgumentException("max model length: must be within 1.." + LengthDistribution.MAX_TOKENS + ", was " + maxModelLen);
        }
        if (pool instanceof KvPool.Slots s && maxRunning > s.slots()) {
            throw new IllegalArgumentException("max sequences: " + maxRunning + " exceeds the " + s.slots() + " slots");
        }
    }

    /** Whether one sequence of {@code maxModelLen} tokens fits the pool at all (vLLM refuses to start otherwise). */
    public boolean holdsOneSequence() {
        if (pool instanceof KvPool.Slots s) {
            return s.tokensPerSlot() >= maxModelLen;
        }
        return pool.capacityTokens() >= maxModelLen;
    }

    /**
     * vLLM as it sizes its pool at start-up: {@code blocks = (gpu_memory_utilization x GPU memory - weights -
     * activation peak - non-torch memory) / block bytes}, per GPU under tensor parallelism, each part
     * from {@link MemoryModel} (weights and KV sharded; the activation peak profiled at {@code max_model_len},
     * {@code maxBatchedTokens} and {@code maxNumSeqs}, as vLLM's profile run does).
     *
     * @param request model, precision, KV format and tensor parallelism; its runtime should be {@link RuntimeProfile#VLLM}
     *                (context and sequences are replaced by {@code maxModelLen} and 1)
     * @param gpuMemoryBytes memory of one GPU, bytes
     * @param maxModelLen vLLM {@code --max-model-len}, tokens
     * @param maxNumSeqs vLLM {@code --max-num-seqs}
     * @param maxBatchedTokens vLLM {@code --max-num-batched-tokens}
     */
    public static ServerConfig vllm(MemoryRequest request, long gpuMemoryBytes, long maxModelLen, int maxNumSeqs, int maxBatchedTokens) {
        if (gpuMemoryBytes <= 0) {
            throw new IllegalArgumentException("GPU memory: must be positive, was " + gpuMemoryBytes);
        }
        RuntimeProfile rt = request.runtime();
        RuntimeProfile profiled = new RuntimeProfile(rt.name(), maxBatchedTokens, rt.fixedOverheadBytes(), rt.source(),
                rt.kvAllocationTokens(), rt.computeModel(), rt.gpuMemoryUtilization(), rt.defaultContextTokens(), maxNumSeqs,
                rt.perExtraGpuBytes(), rt.flashAttention(), rt.splitMode());
        MemoryRequest atStart = new MemoryRequest(request.model(), request.precision(), maxModelLen, 1, request.kvFormat(), profiled,
                request.tensorParallel());
        MemoryBreakdown m = MemoryModel.estimate(atStart);
        long nonKv = m.totalBytes() - m.kvCacheBytes();
        long usable = (long) Math.floor(rt.gpuMemoryUtilization() * gpuMemoryBytes);
        long blockBytes = MemoryModel.estimate(atStart.withContext(VLLM_BLOCK_TOKENS)).kvCacheBytes();
        long blocks = blockBytes == 0 ? 0 : Math.max(0, (usable - nonKv) / blockBytes);
        return new ServerConfig(new KvPool.Paged(blocks, VLLM_BLOCK_TOKENS), maxBatchedTokens, maxNumSeqs, maxModelLen);
    }

    /** vLLM with the profile's {@code max_num_seqs} (256) and {@code max_num_batched_tokens} (2048). */
    public static ServerConfig vllm(MemoryRequest request, long gpuMemoryBytes, long maxModelLen) {
        return vllm(request, gpuMemoryBytes, maxModelLen, request.runtime().maxNumSeqs(), Math.max(VLLM_BATCHED_TOKENS,
                request.runtime().microBatchTokens()));
    }

    /**
     * vLLM with the defaults its OpenAI server picks for this GPU ({@link #VLLM_BATCHED_TOKENS_LARGE_GPU}):
     * 8192 tokens and 1024 sequences on a 70 GiB+ GPU that is not an A100, 2048 and 256 otherwise.
     *
     * @param deviceName the GPU's name, e.g. {@code NVIDIA H100 80GB HBM3}
     */
    public static ServerConfig vllmDefaults(MemoryRequest request, long gpuMemoryBytes, String deviceName, long maxModelLen) {
        boolean large = gpuMemoryBytes >= 70L * (1L << 30) && !(deviceName == null ? "" : deviceName).toLowerCase(java.util.Locale.ROOT).contains("a100");
        return large ? vllm(request, gpuMemoryBytes, maxModelLen, VLLM_MAX_SEQS_LARGE_GPU, VLLM_BATCHED_TOKENS_LARGE_GPU)
                : vllm(request, gpuMemoryBytes, maxModelLen, VLLM_MAX_SEQS, VLLM_BATCHED_TOKENS);
    }

    /**
     * llama.cpp server: {@code -c nCtx --parallel slots -b nBatch}; each slot holds {@code nCtx / slots}
     * tokens (tools/server/server.cpp: {@code n_ctx_slot = n_ctx / params.n_parallel}, without {@code --kv-unified}).
     */
    public static ServerConfig llamaCpp(long nCtx, int slots, int nBatch) {
        if (slots < 1 || nCtx < slots) {
            throw new IllegalArgumentException("parallel: " + slots + " slots need a context of at least as many tokens, was " + nCtx);
        }
        long perSlot = nCtx / slots;
        return new ServerConfig(new KvPool.Slots(slots, perSlot), nBatch, slots, perSlot);
    }

    /**
     * Ollama: {@code OLLAMA_NUM_PARALLEL} slots of {@code num_ctx} tokens each (the runner is started with
     * {@code num_ctx x parallel}, llm/server.go), {@code num_batch} 512 by default (api/types.go).
     */
    public static ServerConfig ollama(long numCtx, int numParallel, int numBatch) {
        return new ServerConfig(new KvPool.Slots(numParallel, numCtx), numBatch, numParallel, numCtx);
    }
}
