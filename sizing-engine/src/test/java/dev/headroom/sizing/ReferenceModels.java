package dev.headroom.sizing;

import dev.headroom.sizing.model.ArchitectureFamily;
import dev.headroom.sizing.model.MlpKind;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.NormKind;

/**
 * Architectures of published models for engine tests, from their config.json (Hugging Face repos named
 * in shared/validation/model_configs.csv) or, for LLaMA-1, from Meta's params.json (dim, n_layers,
 * n_heads; ffn width from the multiple_of=256 rule).
 */
public final class ReferenceModels {
    public static final ModelArchitecture LLAMA_2_7B = ModelArchitecture.llama(32, 4096, 32, 32, 11008, 32000, 4096).build();
    public static final ModelArchitecture LLAMA_2_13B = ModelArchitecture.llama(40, 5120, 40, 40, 13824, 32000, 4096).build();
    public static final ModelArchitecture LLAMA_2_70B = ModelArchitecture.llama(80, 8192, 64, 8, 28672, 32000, 4096).build();
    public static final ModelArchitecture LLAMA_1_30B = ModelArchitecture.llama(60, 6656, 52, 52, 17920, 32000, 2048).build();
    public static final ModelArchitecture LLAMA_1_65B = ModelArchitecture.llama(80, 8192, 64, 64, 22016, 32000, 2048).build();
    public static final ModelArchitecture LLAMA_3_8B = ModelArchitecture.llama(32, 4096, 32, 8, 14336, 128256, 8192).build();
    public static final ModelArchitecture LLAMA_3_70B = ModelArchitecture.llama(80, 8192, 64, 8, 28672, 128256, 8192).build();
    public static final ModelArchitecture LLAMA_3_2_1B = ModelArchitecture.llama(16, 2048, 32, 8, 8192, 128256, 131072).headDim(64).tiedEmbeddings(true).build();
    public static final ModelArchitecture MISTRAL_7B = ModelArchitecture.llama(32, 4096, 32, 8, 14336, 32000, 32768).slidingWindow(4096, 32).build();
    public static final ModelArchitecture MIXTRAL_8X7B = ModelArchitecture.llama(32, 4096, 32, 8, 14336, 32000, 32768).experts(8, 2).build();
    public static final ModelArchitecture QWEN2_5_0_5B = ModelArchitecture.llama(24, 896, 14, 2, 4864, 151936, 32768)
            .qkvBias(true).tiedEmbeddings(true).family(ArchitectureFamily.QWEN2).build();
    public static final ModelArchitecture QWEN2_5_7B = ModelArchitecture.llama(28, 3584, 28, 4, 18944, 152064, 131072)
            .qkvBias(true).family(ArchitectureFamily.QWEN2).build();
    public static final ModelArchitecture GEMMA_2_2B = ModelArchitecture.llama(26, 2304, 8, 4, 9216, 256000, 8192)
            .headDim(256).normsPerLayer(4).tiedEmbeddings(true).slidingWindow(4096, 13).family(ArchitectureFamily.GEMMA).build();
    public static final ModelArchitecture PHI_3_MINI = ModelArchitecture.llama(32, 3072, 32, 32, 8192, 32064, 4096)
            .family(ArchitectureFamily.PHI3).build();
    public static final ModelArchitecture FALCON_7B = ModelArchitecture.llama(32, 4544, 71, 1, 18176, 65024, 2048)
            .mlp(MlpKind.PLAIN).norm(NormKind.LAYER).normsPerLayer(1).tiedEmbeddings(true).family(ArchitectureFamily.FALCON).build();
    public static final ModelArchitecture FALCON_40B = ModelArchitecture.llama(60, 8192, 128, 8, 32768, 65024, 2048)
            .mlp(MlpKind.PLAIN).norm(NormKind.LAYER).normsPerLayer(2).family(ArchitectureFamily.FALCON).build();
    public static final ModelArchitecture GPT2 = gpt2(12, 768, 12);
    public static final ModelArchitecture BERT_BASE = bert(12, 768, 12, 3072, 30522, 512, 2, true, 0);
    public static final ModelArchitecture DISTILBERT = bert(6, 768, 12, 3072, 30522, 512, 0, false, 0);
    public static final ModelArchitecture ROBERTA_BASE = bert(12, 768, 12, 3072, 50265, 514, 1, true, 0);
    public static final ModelArchitecture MINILM_L6 = bert(6, 384, 12, 1536, 30522, 512, 2, true, 0);
    public static final ModelArchitecture MPNET_BASE = bert(12, 768, 12, 3072, 30527, 514, 0, true, 32);

    private ReferenceModels() {
    }

    public static ModelArchitecture gpt2(int layers, int hidden, int heads) {
        return ModelArchitecture.llama(layers, hidden, heads, heads, 4 * hidden, 50257, 1024).mlp(MlpKind.PLAIN)
                .norm(NormKind.LAYER).qkvBias(true).outputBias(true).learnedPositions(1024).tiedEmbeddings(true)
                .family(ArchitectureFamily.GPT2).build();
    }

    public static ModelArchitecture bert(int layers, int hidden, int heads, int inter, int vocab, int positions,
                                         int tokenTypes, boolean pooler, int relativeBuckets) {
        return ModelArchitecture.llama(layers, hidden, heads, heads, inter, vocab, positions).mlp(MlpKind.PLAIN)
                .norm(NormKind.LAYER).qkvBias(true).outputBias(true).learnedPositions(positions).tiedEmbeddings(true)
                .tokenTypes(tokenTypes).pooler(pooler).relativeAttentionBuckets(relativeBuckets)
                .family(ArchitectureFamily.BERT).build();
    }
}
