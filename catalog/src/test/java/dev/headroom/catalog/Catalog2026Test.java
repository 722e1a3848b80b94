package dev.headroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.memory.KvCacheFormat;
import dev.headroom.sizing.memory.KvCacheModel;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 2026 LLM families of models-llm-2026.json: counts from each entry's architecture against the counts the
 * publishers state, and the KV cache at 32k context against what llama.cpp allocates.
 */
class Catalog2026Test {
    private static final ModelCatalog CATALOG = ModelCatalog.bundled();
    private static final long MIB = 1L << 20;

    /**
     * basis: total = unique parameters; non-embedding = total less the token embedding table (the convention of
     * the Qwen3 model cards and the Gemma 3 report's Table 1); active = parameters read per token without the
     * embedding table. unit 1e9 (B) or 1e6 (M); tolerance = half of the published figure's last digit.
     */
    @ParameterizedTest(name = "{0} {1} = {2} x {3}")
    @CsvSource(delimiter = '|', textBlock = """
            qwen3-0.6b           | non-embedding | 0.44   | 1e9 | 0.005  | https://huggingface.co/Qwen/Qwen3-0.6B (Number of Parameters (Non-Embedding): 0.44B)
            qwen3-1.7b           | non-embedding | 1.4    | 1e9 | 0.05   | https://huggingface.co/Qwen/Qwen3-1.7B (1.4B non-embedding)
            qwen3-4b             | non-embedding | 3.6    | 1e9 | 0.05   | https://huggingface.co/Qwen/Qwen3-4B (3.6B non-embedding)
            qwen3-8b             | total         | 8.2    | 1e9 | 0.05   | https://huggingface.co/Qwen/Qwen3-8B (Number of Parameters: 8.2B)
            qwen3-8b             | non-embedding | 6.95   | 1e9 | 0.005  | https://huggingface.co/Qwen/Qwen3-8B (6.95B non-embedding)
            qwen3-14b            | total         | 14.8   | 1e9 | 0.05   | https://huggingface.co/Qwen/Qwen3-14B (14.8B)
            qwen3-14b            | non-embedding | 13.2   | 1e9 | 0.05   | https://huggingface.co/Qwen/Qwen3-14B (13.2B non-embedding)
            qwen3-32b            | total         | 32.8   | 1e9 | 0.05   | https://huggingface.co/Qwen/Qwen3-32B (32.8B)
            qwen3-32b            | non-embedding | 31.2   | 1e9 | 0.05   | https://huggingface.co/Qwen/Qwen3-32B (31.2B non-embedding)
            qwen3-4b-2507        | total         | 4.02   | 1e9 | 0.005  | https://huggingface.co/Qwen/Qwen3-4B-Instruct-2507 (safetensors: 4.02B params)
            qwen3-30b-a3b        | total         | 30.5   | 1e9 | 0.05   | https://huggingface.co/Qwen/Qwen3-30B-A3B (30.5B total)
            qwen3-30b-a3b        | non-embedding | 29.9   | 1e9 | 0.05   | https://huggingface.co/Qwen/Qwen3-30B-A3B (29.9B non-embedding)
            qwen3-235b-a22b      | total         | 235    | 1e9 | 0.5    | https://huggingface.co/Qwen/Qwen3-235B-A22B (235B total)
            qwen3-235b-a22b      | non-embedding | 234    | 1e9 | 0.5    | https://huggingface.co/Qwen/Qwen3-235B-A22B (234B non-embedding)
            qwen3-235b-a22b      | active        | 22     | 1e9 | 0.5    | https://huggingface.co/Qwen/Qwen3-235B-A22B (22B activated)
            qwen3-coder-480b-a35b| total         | 480    | 1e9 | 0.5    | https://huggingface.co/Qwen/Qwen3-Coder-480B-A35B-Instruct (480B total)
            qwen3-next-80b-a3b   | total         | 80     | 1e9 | 0.5    | https://huggingface.co/Qwen/Qwen3-Next-80B-A3B-Instruct (80B in total)
            deepseek-v3          | total         | 671    | 1e9 | 0.5    | https://arxiv.org/abs/2412.19437 (671B total, 37B activated; MTP module excluded)
            deepseek-v3          | active        | 37     | 1e9 | 0.5    | https://arxiv.org/abs/2412.19437 (37B activated)
            deepseek-r1          | total         | 671    | 1e9 | 0.5    | https://huggingface.co/deepseek-ai/DeepSeek-R1 (671B total, 37B activated)
            deepseek-v3.1        | total         | 671    | 1e9 | 0.5    | https://huggingface.co/deepseek-ai/DeepSeek-V3.1 (671B total)
            deepseek-v2          | total         | 236    | 1e9 | 0.5    | https://arxiv.org/abs/2405.04434 (236B total, 21B activated)
            deepseek-v2          | active        | 21     | 1e9 | 0.5    | https://arxiv.org/abs/2405.04434 (21B activated)
            deepseek-v2-lite     | total         | 15.7   | 1e9 | 0.05   | https://huggingface.co/deepseek-ai/DeepSeek-V2-Lite (15.7B total)
            kimi-k2              | total         | 1.0    | 1e12| 0.05   | https://huggingface.co/moonshotai/Kimi-K2-Instruct (1T total parameters)
            kimi-k2              | active        | 32     | 1e9 | 0.5    | https://huggingface.co/moonshotai/Kimi-K2-Instruct (32B activated)
            gemma-3-270m         | non-embedding | 100    | 1e6 | 0.5    | https://developers.googleblog.com/en/introducing-gemma-3-270m/ (100M transformer-block parameters)
            gemma-3-1b           | non-embedding | 698    | 1e6 | 0.5    | https://arxiv.org/abs/2503.19786 (Table 1: 698M non-embedding)
            gemma-3-4b           | non-embedding | 3209   | 1e6 | 0.5    | https://arxiv.org/abs/2503.19786 (Table 1: 3,209M non-embedding)
            gemma-3-12b          | non-embedding | 10759  | 1e6 | 0.5    | https://arxiv.org/abs/2503.19786 (Table 1: 10,759M non-embedding)
            gemma-3-27b          | non-embedding | 25600  | 1e6 | 0.5    | https://arxiv.org/abs/2503.19786 (Table 1: 25,600M non-embedding)
            gemma-3-12b          | total         | 11.77  | 1e9 | 0.005  | https://github.com/ggml-org/llama.cpp/pull/13194 (llama-bench: gemma3 12B 11.77 B)
            gpt-oss-20b          | total         | 20.91  | 1e9 | 0.005  | https://github.com/ikawrakow/ik_llama.cpp/issues/822 (print_info: model params = 20.91 B)
            gpt-oss-120b         | total         | 116.83 | 1e9 | 0.005  | https://arxiv.org/abs/2508.10925 (gpt-oss model card Table 1: 116.83B)
            llama-3.3-70b        | total         | 70.6   | 1e9 | 0.05   | https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct (safetensors: 70.6B params)
            phi-4                | total         | 14.7   | 1e9 | 0.05   | https://huggingface.co/microsoft/phi-4 (safetensors: 14.7B params)
            phi-4-mini           | total         | 3.84   | 1e9 | 0.005  | https://huggingface.co/microsoft/Phi-4-mini-instruct (safetensors: 3.84B params)
            mistral-small-3-24b  | total         | 23.6   | 1e9 | 0.05   | https://huggingface.co/mistralai/Mistral-Small-24B-Instruct-2501 (safetensors: 23.6B params)
            mistral-nemo-12b     | total         | 12.2   | 1e9 | 0.05   | https://huggingface.co/mistralai/Mistral-Nemo-Instruct-2407 (safetensors: 12.2B params)
            ministral-8b         | total         | 8.02   | 1e9 | 0.005  | https://huggingface.co/mistralai/Ministral-8B-Instruct-2410 (safetensors: 8.02B params)
            mistral-7b-v0.3      | total         | 7.25   | 1e9 | 0.005  | https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.3 (safetensors: 7.25B params)
            smollm3-3b           | total         | 3.08   | 1e9 | 0.005  | https://huggingface.co/HuggingFaceTB/SmolLM3-3B (safetensors: 3.08B params)
            jamba-v0.1           | total         | 51.6   | 1e9 | 0.05   | https://huggingface.co/ai21labs/Jamba-v0.1 (safetensors: 51.6B params)
            jamba-1.5-mini       | total         | 51.6   | 1e9 | 0.05   | https://huggingface.co/ai21labs/AI21-Jamba-1.5-Mini (safetensors: 51.6B params)
            jamba-1.5-large      | active        | 94     | 1e9 | 0.5    | https://arxiv.org/abs/2408.12570 (94B active)
            deepseek-r1-distill-qwen-1.5b | total | 1.78  | 1e9 | 0.005  | https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B (safetensors: 1.78B params)
            deepseek-r1-distill-qwen-7b   | total | 7.62  | 1e9 | 0.005  | https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Qwen-7B (safetensors: 7.62B params)
            deepseek-r1-distill-qwen-14b  | total | 14.8  | 1e9 | 0.05   | https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Qwen-14B (safetensors: 14.8B params)
            deepseek-r1-distill-qwen-32b  | total | 32.8  | 1e9 | 0.05   | https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Qwen-32B (safetensors: 32.8B params)
            deepseek-r1-distill-llama-8b  | total | 8.03  | 1e9 | 0.005  | https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Llama-8B (safetensors: 8.03B params)
            deepseek-r1-distill-llama-70b | total | 70.6  | 1e9 | 0.05   | https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Llama-70B (safetensors: 70.6B params)
            qwen2.5-coder-1.5b   | total         | 1.54   | 1e9 | 0.005  | https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct (1.54B)
            qwen2.5-coder-7b     | total         | 7.61   | 1e9 | 0.01   | https://huggingface.co/Qwen/Qwen2.5-Coder-7B-Instruct (7.61B)
            qwen2.5-coder-14b    | total         | 14.7   | 1e9 | 0.1    | https://huggingface.co/Qwen/Qwen2.5-Coder-14B-Instruct (14.7B)
            qwen2.5-coder-32b    | total         | 32.5   | 1e9 | 0.3    | https://huggingface.co/Qwen/Qwen2.5-Coder-32B-Instruct (32.5B)
            qwq-32b              | total         | 32.5   | 1e9 | 0.3    | https://huggingface.co/Qwen/QwQ-32B (32.5B)
            mistral-large-2      | total         | 123    | 1e9 | 0.5    | https://mistral.ai/news/mistral-large-2407 (123 billion parameters)
            mistral-small-3.1-24b| total         | 23.6   | 1e9 | 0.05   | https://huggingface.co/mistralai/Devstral-Small-2505 (text decoder of Mistral Small 3.1: 23.6B params)
            devstral-small       | total         | 23.6   | 1e9 | 0.05   | https://huggingface.co/mistralai/Devstral-Small-2505 (safetensors: 23.6B params)
            llama-3.1-nemotron-70b | total       | 70.6   | 1e9 | 0.05   | https://huggingface.co/nvidia/Llama-3.1-Nemotron-70B-Instruct-HF (70.6B params)
            phi-3.5-mini         | total         | 3.82   | 1e9 | 0.005  | https://huggingface.co/microsoft/Phi-3.5-mini-instruct (safetensors: 3.82B params)
            smollm2-135m         | total         | 135    | 1e6 | 0.5    | https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct (135M params)
            smollm2-360m         | total         | 362    | 1e6 | 0.5    | https://huggingface.co/HuggingFaceTB/SmolLM2-360M-Instruct (362M params)
            smollm2-1.7b         | total         | 1.71   | 1e9 | 0.005  | https://huggingface.co/HuggingFaceTB/SmolLM2-1.7B-Instruct (1.71B params)
            granite-3.3-2b       | total         | 2.53   | 1e9 | 0.005  | https://huggingface.co/ibm-granite/granite-3.3-2b-instruct (2.53B params)
            granite-3.3-8b       | total         | 8.17   | 1e9 | 0.005  | https://huggingface.co/ibm-granite/granite-3.3-8b-instruct (8.17B params)
            yi-1.5-6b            | total         | 6.06   | 1e9 | 0.005  | https://huggingface.co/01-ai/Yi-1.5-6B-Chat (6.06B params)
            yi-1.5-9b            | total         | 8.83   | 1e9 | 0.005  | https://huggingface.co/01-ai/Yi-1.5-9B-Chat (8.83B params)
            yi-1.5-34b           | total         | 34.4   | 1e9 | 0.05   | https://huggingface.co/01-ai/Yi-1.5-34B-Chat (34.4B params)
            falcon3-1b           | total         | 1.67   | 1e9 | 0.005  | https://huggingface.co/tiiuae/Falcon3-1B-Instruct (1.67B params)
            falcon3-3b           | total         | 3.23   | 1e9 | 0.005  | https://huggingface.co/tiiuae/Falcon3-3B-Instruct (3.23B params)
            falcon3-7b           | total         | 7.46   | 1e9 | 0.005  | https://huggingface.co/tiiuae/Falcon3-7B-Instruct (7.46B params)
            falcon3-10b          | total         | 10.3   | 1e9 | 0.05   | https://huggingface.co/tiiuae/Falcon3-10B-Instruct (10.3B params)
            internlm3-8b         | total         | 8.8    | 1e9 | 0.05   | https://huggingface.co/internlm/internlm3-8b-instruct (8.8B params)
            exaone-3.5-7.8b      | total         | 7.82   | 1e9 | 0.005  | https://huggingface.co/LGAI-EXAONE/EXAONE-3.5-7.8B-Instruct (7.82B params)
            qwen2.5-coder-0.5b   | total         | 0.494  | 1e9 | 0.0005 | https://huggingface.co/Qwen/Qwen2.5-Coder-0.5B-Instruct (494M params)
            granite-4.0-h-micro  | total         | 3      | 1e9 | 0.5    | https://www.ibm.com/new/announcements/ibm-granite-4-0-hyper-efficient-high-performance-hybrid-models (H-Micro: 3B)
            qwen1.5-moe-a2.7b    | total         | 14.3   | 1e9 | 0.05   | https://qwenlm.github.io/blog/qwen-moe/ (14.3B total)
            qwen2-57b-a14b       | total         | 57.4   | 1e9 | 0.05   | https://huggingface.co/Qwen/Qwen2-57B-A14B-Instruct (safetensors: 57.4B params)
            olmoe-1b-7b          | total         | 6.92   | 1e9 | 0.005  | https://huggingface.co/allenai/OLMoE-1B-7B-0924 (safetensors: 6.92B params)
            qwen2.5-coder-3b     | total         | 3.09   | 1e9 | 0.005  | https://huggingface.co/Qwen/Qwen2.5-Coder-3B-Instruct (3.09B params)
            """)
    void parameterCountsMatchThePublishedOnes(String id, String basis, double value, double unit, double tolerance, String source) {
        ModelArchitecture a = CATALOG.get(id).architecture();
        long embedding = (long) a.vocabSize() * a.hiddenSize();
        long counted = switch (basis) {
            case "total" -> ParameterCounter.totalParameters(a);
            case "non-embedding" -> ParameterCounter.totalParameters(a) - embedding - (a.tiedEmbeddings() ? 0 : embedding);
            case "active" -> ParameterCounter.activeParametersPerToken(a);
            default -> throw new IllegalArgumentException(basis);
        };
        assertThat(counted / unit).as(id + " " + basis + " (" + source + ")").isCloseTo(value, within(tolerance));
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen3", "deepseek", "gemma-3", "phi-4", "llama-3.3", "gpt-oss", "qwen3-next", "jamba", "kimi",
            "mistral-small", "llama-4", "smollm3"})
    void searchFindsTheFamily(String query) {
        assertThat(CATALOG.search(query)).as(query).isNotEmpty();
    }

    @Test
    void everyNewFamilyIsThere() {
        assertThat(List.of("qwen3-0.6b", "qwen3-32b", "qwen3-30b-a3b", "qwen3-235b-a22b", "qwen3-next-80b-a3b", "deepseek-v3",
                "deepseek-r1", "deepseek-r1-distill-qwen-7b", "deepseek-r1-distill-llama-70b", "gemma-3-1b", "gemma-3-4b",
                "gemma-3-12b", "gemma-3-27b", "llama-3.3-70b", "llama-4-scout", "llama-4-maverick", "phi-4", "phi-4-mini",
                "mistral-small-3-24b", "mistral-nemo-12b", "gpt-oss-20b", "gpt-oss-120b", "jamba-1.5-mini", "smollm3-3b"))
                .allSatisfy(id -> assertThat(CATALOG.contains(id)).as(id).isTrue());
        assertThat(CATALOG.get("qwen3:8b").id()).isEqualTo("qwen3-8b");
        assertThat(CATALOG.get("deepseek-r1:7b").id()).isEqualTo("deepseek-r1-distill-qwen-7b");
    }

    /** The runtime's KV allocation at 32k context, llama.cpp defaults (256-cell padding, n_ubatch 512, F16). */
    private static long llamaCppKv(String id) {
        return KvCacheModel.bytes(CATALOG.get(id).architecture(), 32768, 1, KvCacheFormat.F16, 256, 512);
    }

    @Test
    void deepSeekV3LatentCacheAt32kMatchesLlamaCpp() {
        // ggml-org/llama.cpp#11446, DeepSeek-V3 at n_ctx 32768: "KV self size = 2196.00 MiB, K^R (f16): 244.00 MiB,
        // c^KV (f16): 1952.00 MiB"; mainline llama.cpp keeps the same latent-only cache since its V-less MLA cache
        // (ggml-org/llama.cpp#19067; before it, a separate 512-wide V made it 4148 MiB).
        assertThat((double) llamaCppKv("deepseek-v3")).isCloseTo(2196.0 * MIB, within(0.01 * 2196 * MIB));
        assertThat(llamaCppKv("deepseek-r1")).isEqualTo(llamaCppKv("deepseek-v3"));
    }

    @Test
    void gptOssAlternatingWindowAt32kMatchesLlamaCpp() {
        // ggml-org/llama.cpp#17609 (gpt-oss): "creating SWA KV cache, size = 768 cells ... size = 18.00 MiB (768 cells,
        // 12 layers, 1/1 seqs)"; the 12 full layers hold 32768 cells x 512 x 2 (K,V) x 2 bytes = 768 MiB
        // (n_embd_k_gqa = n_embd_v_gqa = 512 in ikawrakow/ik_llama.cpp#822's print_info).
        assertThat((double) llamaCppKv("gpt-oss-20b")).isCloseTo((768.0 + 18.0) * MIB, within(0.01 * 786 * MIB));
    }

    @Test
    void gemma3TwentySevenBillionHybridWindowAt32k() {
        // llama.cpp iSWA cache (src/llama-kv-cache-iswa.cpp, quoted in ikawrakow/ik_llama.cpp#1607 and referenced by
        // ggerganov in ggml-org/llama.cpp#21277): the 10 global layers get n_ctx = 32768 cells, the 52 sliding layers
        // GGML_PAD(min(n_ctx, n_swa + n_ubatch), 256) = 1536 cells; 16 KV heads x 128 x 2 (K,V) x 2 bytes = 8 KiB per
        // cell and layer: 2560 MiB + 624 MiB. No public log line for this model was found; the same rule reproduces
        // the gpt-oss log above.
        assertThat((double) llamaCppKv("gemma-3-27b")).isCloseTo((2560.0 + 624.0) * MIB, within(0.01 * 3184 * MIB));
        // A calculator that ignores the window counts all 62 layers at 32k: 15.5 GiB, 5x the allocation.
        long naive = 62L * 32768 * 8192;
        assertThat(naive / llamaCppKv("gemma-3-27b")).isEqualTo(4);
    }

    @Test
    void jambaHybridStateAt32k() {
        // llama.cpp hybrid memory (src/llama-memory-hybrid.cpp): the 4 attention layers in llama_kv_cache (32768 cells x
        // 8 KV heads x 128 x 2 x 2 bytes = 512 MiB) and the 28 Mamba layers in llama_memory_recurrent, one cell per
        // sequence of R = (d_conv - 1) x d_inner = 24,576 and S = d_state x d_inner = 131,072 F32 values
        // (llama-hparams.cpp n_embd_r / n_embd_s): 28 x 155,648 x 4 bytes = 16.625 MiB, whatever the context.
        assertThat((double) llamaCppKv("jamba-1.5-mini")).isCloseTo((512 + 16.625) * MIB, within(0.01 * 528.625 * MIB));
        assertThat(KvCacheModel.recurrentStateBytes(CATALOG.get("jamba-1.5-mini").architecture())).isEqualTo(17_432_576L);
    }

    @Test
    void everyBundledArchitectureRoundTripsThroughTheCatalogFormat() {
        int compared = 0;
        for (CatalogModel m : CATALOG.all()) {
            if (m.hasArchitecture()) {
                assertThat(ModelCatalogReader.architecture(ModelCatalogReader.architectureJson(m.architecture())))
                        .as(m.id()).isEqualTo(m.architecture());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(130);
    }
}
