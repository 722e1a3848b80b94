package dev.headroom.sizing.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParameterCounterTest {
    // config.json of meta-llama/Llama-2-7b-hf; 6,738,415,616 = HF safetensors total and GGUF
    // general.parameter_count (shared/validation/model_configs.csv, row Llama-2-7B).
    static final ModelArchitecture LLAMA_2_7B = ModelArchitecture.llama(32, 4096, 32, 32, 11008, 32000, 4096).build();
    // config.json of meta-llama/Meta-Llama-3-8B: 8 KV heads (GQA), vocab 128256; 8,030,261,248 (model_configs.csv).
    static final ModelArchitecture LLAMA_3_8B = ModelArchitecture.llama(32, 4096, 32, 8, 14336, 128256, 8192).build();

    @Test
    void llama2SevenBillionHasItsPublishedParameterCount() {
        assertThat(ParameterCounter.totalParameters(LLAMA_2_7B)).isEqualTo(6_738_415_616L);
    }

    @Test
    void llama3EightBillionCountsGroupedQueryAttentionProjectionsAtKvWidth() {
        assertThat(ParameterCounter.totalParameters(LLAMA_3_8B)).isEqualTo(8_030_261_248L);
    }

    @Test
    void tiedEmbeddingsAreCountedOnce() {
        ModelArchitecture untied = LLAMA_2_7B;
        ModelArchitecture tied = LLAMA_2_7B.toBuilder().tiedEmbeddings(true).build();
        assertThat(ParameterCounter.totalParameters(untied) - ParameterCounter.totalParameters(tied))
                .isEqualTo(32000L * 4096L);
    }

    @Test
    void mixtureOfExpertsReadsOnlyTheRoutedShareOfExperts() {
        // Mixtral-8x7B config.json: 32 layers, hidden 4096, 8 KV heads, 14336 intermediate, 8 experts, top-2.
        // Published total 46.7 B, active 12.9 B (Mistral AI announcement, Dec 2023).
        ModelArchitecture mixtral = ModelArchitecture.llama(32, 4096, 32, 8, 14336, 32000, 32768).experts(8, 2).build();
        assertThat(ParameterCounter.totalParameters(mixtral)).isEqualTo(46_702_792_704L);
        // The published 12.9 B counts the embedding table too; the engine leaves it out (one row is read per token).
        long embedding = 32000L * 4096L;
        assertThat(ParameterCounter.activeParametersPerToken(mixtral) + embedding).isBetween(12_850_000_000L, 12_950_000_000L);
    }
}
