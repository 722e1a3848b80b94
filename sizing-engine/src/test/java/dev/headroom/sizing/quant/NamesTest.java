package dev.headroom.sizing.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A table of real typos (issue 16: {@code lama} was answered {@code pika}, {@code Q9} {@code F32}) against
 * the ids of the bundled catalog (catalog/src/main/resources/dev/headroom/catalog/models-*.json at this
 * commit), the quant names and accelerator names from the catalog's accelerators.csv.
 */
class NamesTest {
    static final List<String> MODEL_IDS = List.of(
            "gpt-4o", "gpt-4o-mini", "gpt-4", "gpt-4-vision", "gpt-3.5-turbo", "codex", "claude-3-opus",
            "claude-3-sonnet", "claude-3-haiku", "gemini-1.5-pro", "gemini-1.5-flash", "command-r-plus",
            "granite-hosted", "med-palm-2", "openai-text-embedding-ada-002", "openai-text-embedding-3-small",
            "openai-text-embedding-3-large", "cohere-embed-english-v3", "cohere-embed-multilingual-v3", "dall-e-3",
            "midjourney", "imagen", "runway-gen-2", "pika", "timegpt", "elevenlabs-tts", "wavenet", "audiolm",
            "flamingo-80b", "florence-v1", "align-google", "whisper-tiny", "whisper-base", "whisper-small",
            "whisper-medium", "whisper-large-v2", "whisper-large-v3", "wav2vec2-base", "wav2vec2-large",
            "conformer-s", "conformer-m", "conformer-l", "deepspeech-0.9", "mms-1b-all", "mms-300m", "tacotron2",
            "fastspeech2", "vits", "bark", "bark-small", "xvector-voxceleb", "ecapa-tdnn", "resemblyzer", "yamnet",
            "panns-cnn14", "ast", "htdemucs", "conv-tasnet", "fullsubnet", "hubert-base", "hubert-large",
            "hubert-xlarge", "clap-htsat", "all-minilm-l6-v2", "all-mpnet-base-v2", "sentence-bert-base",
            "e5-small-v2", "e5-base-v2", "e5-large-v2", "multilingual-e5-small", "multilingual-e5-base",
            "multilingual-e5-large", "clip-vit-b-32", "clip-vit-b-16", "clip-vit-l-14", "align-base",
            "florence-2-base", "florence-2-large", "blip-captioning-base", "blip-captioning-large",
            "blip-vqa-base", "blip2-opt-2.7b", "blip2-flan-t5-xl", "git-base", "git-large", "vilt-b32",
            "openflamingo-9b", "kosmos-2", "idefics-9b", "idefics-80b", "videomae-base", "timesformer-base",
            "stable-diffusion-1.5", "stable-diffusion-2.1", "sdxl-base-1.0", "stylegan2-ffhq",
            "stable-video-diffusion", "animatediff-v2", "point-e-base40m", "point-e-base300m", "point-e-base1b",
            "shap-e", "musicgen-small", "musicgen-medium", "musicgen-large", "audioldm-s", "audioldm-l",
            "jukebox-5b", "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "llama-3.2-1b", "llama-3.2-3b",
            "mixtral-8x22b", "codellama-70b", "starcoder2-3b", "starcoder2-7b", "starcoder2-15b", "codestral-22b",
            "wizardcoder-15b", "wizardcoder-python-34b", "polycoder-2.7b", "alpaca-7b", "vicuna-7b", "vicuna-13b",
            "falcon-180b", "bloom-560m", "bloom-7b1", "bloom-176b", "gemma-2-2b", "gemma-2-9b", "gemma-2-27b",
            "mpt-7b", "mpt-30b", "qwen2.5-0.5b", "qwen2.5-1.5b", "qwen2.5-3b", "qwen2.5-14b", "qwen2.5-32b",
            "qwen2.5-72b", "phi-2", "phi-3-medium", "tinyllama-1.1b", "biogpt", "biogpt-large", "gpt-2-medium",
            "gpt-2-large", "gpt-2-xl", "distilgpt-2", "dialogpt-small", "dialogpt-medium", "dialogpt-large",
            "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b", "mistral-7b", "mixtral-8x7b",
            "codellama-7b", "codellama-13b", "codellama-34b", "falcon-7b", "falcon-40b", "gemma-2b", "gemma-7b",
            "phi-3-mini", "qwen2.5-7b", "starcoder-15b", "gpt-2", "bert-base-uncased", "bert-base-cased",
            "bert-large-uncased", "bert-large-cased", "bert-base-ner", "distilbert-base-uncased", "roberta-base",
            "roberta-large", "xlnet-base-cased", "xlnet-large-cased", "electra-small", "electra-base",
            "electra-large", "spacy-en-core-web-sm", "spacy-en-core-web-md", "spacy-en-core-web-lg",
            "spacy-en-core-web-trf", "flair-ner-english", "t5-small", "t5-base", "t5-large", "t5-3b", "t5-11b",
            "marian-opus-mt-en-de", "mbart-large-50", "nllb-200-distilled-600m", "nllb-200-1.3b", "nllb-200-3.3b",
            "nllb-moe-54b", "bart-base", "bart-large", "pegasus-large", "distilbart-cnn-12-6",
            "longformer-base-4096", "longformer-large-4096", "bigbird-roberta-base", "blenderbot-400m-distill",
            "blenderbot-3b", "codebert-base", "codet5-small", "codet5-base", "codet5-large",
            "bert-base-multilingual-cased", "xlm-roberta-base", "xlm-roberta-large", "mobilebert-uncased",
            "tinybert-4l", "tinybert-6l", "lstm-forecaster", "gru-forecaster", "lstm-autoencoder",
            "dense-autoencoder", "temporal-fusion-transformer", "n-beats", "inceptiontime", "rocket", "prophet",
            "arima", "exponential-smoothing", "isolation-forest", "one-class-svm", "xgboost", "lightgbm",
            "catboost", "random-forest", "linear-model", "tabnet", "ft-transformer", "resnet-50", "resnet-101",
            "resnet-152", "efficientnet-b0", "efficientnet-b1", "efficientnet-b2", "efficientnet-b3",
            "efficientnet-b4", "efficientnet-b5", "efficientnet-b6", "efficientnet-b7", "mobilenet-v2",
            "mobilenet-v3-large", "mobilenet-v3-small", "vit-b-16", "vit-b-32", "vit-l-16", "vit-h-14", "yolov5-n",
            "yolov5-s", "yolov5-m", "yolov5-l", "yolov5-x", "yolov8-n", "yolov8-s", "yolov8-m", "yolov8-l",
            "yolov8-x", "yolov10-n", "yolov10-s", "yolov10-m", "yolov10-b", "yolov10-l", "yolov10-x",
            "faster-rcnn-resnet50-fpn", "faster-rcnn-resnet50-fpn-v2", "retinanet-resnet50-fpn",
            "mask-rcnn-resnet50-fpn", "detr-resnet-50", "detr-resnet-101", "unet", "deeplabv3-resnet50",
            "deeplabv3-resnet101", "deeplabv3-mobilenet-v3-large", "deeplabv3-plus-xception65", "segformer-b0",
            "segformer-b1", "segformer-b2", "segformer-b3", "segformer-b4", "segformer-b5", "facenet",
            "arcface-r100", "mtcnn", "retinaface-mobilenet0.25", "retinaface-resnet50", "sam-vit-b", "sam-vit-l",
            "sam-vit-h", "dinov2-vit-s14", "dinov2-vit-b14", "dinov2-vit-l14", "dinov2-vit-g14");
    static final List<String> DEVICES = List.of("NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 4080",
            "NVIDIA RTX 6000 Ada Generation", "NVIDIA A100 40GB PCIe", "NVIDIA A100 80GB SXM4", "NVIDIA H100 SXM5 80GB",
            "NVIDIA H100 PCIe 80GB", "AMD Instinct MI300X", "AMD Radeon RX 7900 XTX", "Apple M2 Max (38-core GPU)",
            "Apple M3 Max (40-core GPU)");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "lama, llama-2-7b", "lama-3-8b, llama-3-8b", "llama3 8b, llama-3-8b", "LLAMA 3.1 8B, llama-3.1-8b",
            "qwen 2.5 7b, qwen2.5-7b", "qwen2.5 7b, qwen2.5-7b", "mistrl, mistral-7b", "mixtral, mixtral-8x7b",
            "phi3, phi-3-mini", "gpt2, gpt-2", "llama-3-8, llama-3-8b", "whisper large, whisper-large-v2",
            "stable diffusion 1.5, stable-diffusion-1.5", "yolo v8 n, yolov8-n", "resnet50, resnet-50"})
    void modelTypos(String typo, String expected) {
        assertThat(Names.nearest(typo, MODEL_IDS)).isEqualTo(expected);
    }

    @Test
    void aFamilyTheCatalogHasInAnotherVersionFindsTheFamily() {
        // No qwen3 in the catalog: the family comes first, not a name of the same length.
        assertThat(Names.nearest("qwen3 8b", MODEL_IDS)).startsWith("qwen2.5-");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Q9, Q8_0", "Q8, Q8_0", "Q4KM, Q4_K_M", "Q4_K_X, Q4_K_M", "FP16, F16", "BF61, BF16", "NF4, BNB_NF4",
            "Q3_K, Q3_K_L", "IQ4, IQ4_XS"})
    void quantTypos(String typo, String expected) {
        assertThat(Names.nearest(typo, Precision.names())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"rtx4090, NVIDIA GeForce RTX 4090", "4090, NVIDIA GeForce RTX 4090", "rtx 3090, NVIDIA GeForce RTX 3090",
            "h100 sxm, NVIDIA H100 SXM5 80GB", "mi300, AMD Instinct MI300X", "m2 max, Apple M2 Max (38-core GPU)",
            "7900xtx, AMD Radeon RX 7900 XTX"})
    void deviceTypos(String typo, String expected) {
        assertThat(Names.nearest(typo, DEVICES)).isEqualTo(expected);
    }

    @Test
    void aMillionCharacterNameCostsWhatAShortOneDoes() {
        // Only the first 64 characters are compared: the answer is the one for those 64.
        String huge = "llama-3-8b" + "x".repeat(1_000_000);
        assertThat(Names.nearest(huge, MODEL_IDS)).isEqualTo(Names.nearest(huge.substring(0, Names.MAX_COMPARED_CHARS), MODEL_IDS));
        assertThat(Names.tokens("a1".repeat(500_000))).hasSize(Names.MAX_TOKENS);
    }

    @Test
    void edgeCases() {
        assertThat(Names.nearest("x", Collections.emptyList())).isNull();
        assertThat(Names.nearest("", List.of("a", "b"))).isEqualTo("a");
        assertThat(Names.nearest(null, List.of("a"))).isEqualTo("a");
        assertThat(Names.nearest("---", List.of("abc", "---"))).isEqualTo("---");
        assertThat(Names.distance("kitten", "sitting")).isEqualTo(3);
    }
}
