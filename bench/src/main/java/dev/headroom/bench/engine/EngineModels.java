package dev.headroom.bench.engine;

import dev.headroom.sizing.model.ArchitectureFamily;
import dev.headroom.sizing.model.MlpKind;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.NormKind;
import java.util.List;

/**
 * The decoder architectures the benchmark sweeps: the LLM entries of the bundled catalog and of
 * shared/validation/model_configs.csv at the time of writing (config.json shapes), 30 models from
 * 0.5B to 72B plus a trillion-parameter MoE. The bench module does not depend on the catalog module,
 * so the shapes are listed here.
 */
final class EngineModels {
    private EngineModels() {
    }

    static List<ModelArchitecture> all() {
        return List.of(
                llama(32, 4096, 32, 32, 11008, 32000, 4096), llama(40, 5120, 40, 40, 13824, 32000, 4096),
                llama(80, 8192, 64, 8, 28672, 32000, 4096), llama(32, 4096, 32, 8, 14336, 128256, 8192),
                llama(80, 8192, 64, 8, 28672, 128256, 8192), llama(32, 4096, 32, 8, 14336, 128256, 131072),
                ModelArchitecture.llama(16, 2048, 32, 8, 8192, 128256, 131072).headDim(64).tiedEmbeddings(true).build(),
                ModelArchitecture.llama(28, 3072, 24, 8, 8192, 128256, 131072).tiedEmbeddings(true).build(),
                ModelArchitecture.llama(32, 4096, 32, 8, 14336, 32000, 32768).slidingWindow(4096, 32).build(),
                ModelArchitecture.llama(32, 4096, 32, 8, 14336, 32000, 32768).experts(8, 2).build(),
                ModelArchitecture.llama(56, 6144, 48, 8, 16384, 32768, 65536).experts(8, 2).build(),
                llama(32, 4096, 32, 32, 11008, 32016, 16384), llama(40, 5120, 40, 40, 13824, 32016, 16384),
                llama(48, 8192, 64, 8, 22016, 32000, 16384),
                qwen(24, 896, 14, 2, 4864, 151936, true), qwen(28, 3584, 28, 4, 18944, 152064, false),
                qwen(80, 8192, 64, 8, 29568, 152064, false),
                gemma(26, 2304, 8, 4, 9216), gemma(42, 3584, 16, 8, 14336),
                ModelArchitecture.llama(18, 2048, 8, 1, 16384, 256000, 8192).headDim(256).tiedEmbeddings(true).build(),
                ModelArchitecture.llama(28, 3072, 16, 16, 24576, 256000, 8192).headDim(256).tiedEmbeddings(true).build(),
                ModelArchitecture.llama(32, 3072, 32, 32, 8192, 32064, 4096).family(ArchitectureFamily.PHI3).build(),
                falcon(32, 4544, 71, 1, 18176, 1, true), falcon(60, 8192, 128, 8, 32768, 2, false),
                gpt2(12, 768, 12), gpt2(24, 1024, 16), gpt2(36, 1280, 20), gpt2(48, 1600, 25),
                ModelArchitecture.llama(40, 6144, 48, 1, 24576, 49152, 8192).mlp(MlpKind.PLAIN).norm(NormKind.LAYER)
                        .qkvBias(true).outputBias(true).learnedPositions(8192).build(),
                ModelArchitecture.llama(61, 7168, 64, 8, 2048, 163840, 1 << 20).headDim(128).experts(384, 8).build());
    }

    private static ModelArchitecture llama(int l, int h, int a, int kv, int i, int v, int ctx) {
        return ModelArchitecture.llama(l, h, a, kv, i, v, ctx).build();
    }

    private static ModelArchitecture qwen(int l, int h, int a, int kv, int i, int v, boolean tied) {
        return ModelArchitecture.llama(l, h, a, kv, i, v, 32768).qkvBias(true).tiedEmbeddings(tied).family(ArchitectureFamily.QWEN2).build();
    }

    private static ModelArchitecture gemma(int l, int h, int a, int kv, int i) {
        return ModelArchitecture.llama(l, h, a, kv, i, 256000, 8192).headDim(256).normsPerLayer(4).tiedEmbeddings(true)
                .slidingWindow(4096, l / 2).family(ArchitectureFamily.GEMMA).build();
    }

    private static ModelArchitecture falcon(int l, int h, int a, int kv, int i, int norms, boolean tied) {
        return ModelArchitecture.llama(l, h, a, kv, i, 65024, 2048).mlp(MlpKind.PLAIN).norm(NormKind.LAYER)
                .normsPerLayer(norms).tiedEmbeddings(tied).family(ArchitectureFamily.FALCON).build();
    }

    private static ModelArchitecture gpt2(int l, int h, int a) {
        return ModelArchitecture.llama(l, h, a, a, 4 * h, 50257, 1024).mlp(MlpKind.PLAIN).norm(NormKind.LAYER)
                .qkvBias(true).outputBias(true).learnedPositions(1024).tiedEmbeddings(true).family(ArchitectureFamily.GPT2).build();
    }
}
