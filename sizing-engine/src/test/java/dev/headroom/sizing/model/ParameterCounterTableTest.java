package dev.headroom.sizing.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sizing.ReferenceModels;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParameterCounterTableTest {
    // Expected counts: shared/validation/model_configs.csv (params_reference where published, else
    // params_computed from the config; both are sum(p.numel()) of the HF model class). Falcon-7B's
    // published 7,217,189,760 counts the separately stored lm_head; unique parameters are 6,921,720,704.
    static Stream<Arguments> publishedCounts() {
        return Stream.of(
                Arguments.of("Llama-2-7B", ReferenceModels.LLAMA_2_7B, 6_738_415_616L),
                Arguments.of("Llama-2-13B", ReferenceModels.LLAMA_2_13B, 13_015_864_320L),
                // HF safetensors total 68,976,653,312 adds 80 x 64 rotary inv_freq buffer values, not parameters.
                Arguments.of("Llama-2-70B", ReferenceModels.LLAMA_2_70B, 68_976_648_192L),
                Arguments.of("Llama-3-8B", ReferenceModels.LLAMA_3_8B, 8_030_261_248L),
                Arguments.of("Llama-3-70B", ReferenceModels.LLAMA_3_70B, 70_553_706_496L),
                Arguments.of("Llama-3.2-1B", ReferenceModels.LLAMA_3_2_1B, 1_235_814_400L),
                Arguments.of("Mistral-7B-v0.1", ReferenceModels.MISTRAL_7B, 7_241_732_096L),
                Arguments.of("Mixtral-8x7B", ReferenceModels.MIXTRAL_8X7B, 46_702_792_704L),
                Arguments.of("Qwen2.5-0.5B", ReferenceModels.QWEN2_5_0_5B, 494_032_768L),
                Arguments.of("Qwen2.5-7B", ReferenceModels.QWEN2_5_7B, 7_615_616_512L),
                Arguments.of("Gemma-2-2B", ReferenceModels.GEMMA_2_2B, 2_614_341_888L),
                Arguments.of("Phi-3-mini-4k", ReferenceModels.PHI_3_MINI, 3_821_079_552L),
                Arguments.of("Falcon-7B", ReferenceModels.FALCON_7B, 6_921_720_704L),
                Arguments.of("Falcon-40B", ReferenceModels.FALCON_40B, 41_835_970_560L),
                Arguments.of("GPT-2", ReferenceModels.GPT2, 124_439_808L),
                Arguments.of("GPT-2 XL", ReferenceModels.gpt2(48, 1600, 25), 1_557_611_200L),
                Arguments.of("BERT-base-uncased", ReferenceModels.BERT_BASE, 109_482_240L),
                Arguments.of("DistilBERT-base-uncased", ReferenceModels.DISTILBERT, 66_362_880L),
                Arguments.of("RoBERTa-base", ReferenceModels.ROBERTA_BASE, 124_645_632L),
                Arguments.of("all-MiniLM-L6-v2", ReferenceModels.MINILM_L6, 22_713_216L),
                Arguments.of("all-mpnet-base-v2", ReferenceModels.MPNET_BASE, 109_486_464L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedCounts")
    void countsEveryPublishedModelExactly(String name, ModelArchitecture arch, long expected) {
        assertThat(ParameterCounter.totalParameters(arch)).isEqualTo(expected);
    }

    static Stream<Arguments> encoderDecoders() {
        // model_configs.csv rows T5-* and Whisper-*; whisper-large-v3 1,543,490,560 = safetensors total.
        return Stream.of(
                Arguments.of("T5-small", EncoderDecoderArchitecture.t5(6, 512, 8, 64, 2048, 32128), 60_506_624L),
                Arguments.of("T5-base", EncoderDecoderArchitecture.t5(12, 768, 12, 64, 3072, 32128), 222_903_552L),
                Arguments.of("T5-large", EncoderDecoderArchitecture.t5(24, 1024, 16, 64, 4096, 32128), 737_668_096L),
                Arguments.of("Whisper-tiny", EncoderDecoderArchitecture.whisper(4, 384, 6, 1536, 51865, 80), 37_760_640L),
                Arguments.of("Whisper-base", EncoderDecoderArchitecture.whisper(6, 512, 8, 2048, 51865, 80), 72_593_920L),
                Arguments.of("Whisper-large-v3", EncoderDecoderArchitecture.whisper(32, 1280, 20, 5120, 51866, 128), 1_543_490_560L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoderDecoders")
    void countsEncoderDecoderStacksExactly(String name, EncoderDecoderArchitecture arch, long expected) {
        assertThat(EncoderDecoderCounter.totalParameters(arch)).isEqualTo(expected);
    }
}
