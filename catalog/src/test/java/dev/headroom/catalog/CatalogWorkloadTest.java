package dev.headroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.speed.DeviceClass;
import dev.headroom.sizing.speed.SpeedCeilings;
import dev.headroom.sizing.workload.DomainEstimator;
import dev.headroom.sizing.workload.Throughput;
import dev.headroom.sizing.workload.VaeDecoder;
import dev.headroom.sizing.workload.WorkloadEstimate;
import dev.headroom.sizing.workload.WorkloadModel;
import dev.headroom.sizing.workload.WorkloadRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CatalogWorkloadTest {
    private final ModelCatalog catalog = ModelCatalog.bundled();
    // RTX 4090 datasheet: 1008 GB/s, 165 TFLOP/s dense FP16 (NVIDIA Ada GPU architecture whitepaper).
    private static final SpeedCeilings GPU = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "RTX 4090", 1008e9, 165e12);

    /**
     * Issue 13's acceptance list: each sizes with throughput in its domain's unit, and only models with an
     * autoregressive decoder carry a KV cache.
     */
    @ParameterizedTest(name = "{0} -> {1}, KV cache {2}")
    @CsvSource({
            "resnet-50, Images, false", "efficientnet-b0, Images, false", "yolov8-s, Images, false", "yolo11-n, Images, false",
            "vit-b-16, Images, false", "clip-vit-l-14, Images, false", "dinov2-vit-b14, Images, false", "sam-vit-b, Images, false",
            "siglip-so400m-patch14-384, Images, false",
            "bert-base-uncased, Sequences, false", "all-minilm-l6-v2, Sequences, false", "e5-base-v2, Sequences, false",
            "bge-m3, Sequences, false", "e5-mistral-7b-instruct, Sequences, false",
            "t5-base, Sequences, true", "marian-opus-mt-en-de, Sequences, true",
            "whisper-tiny, Speech, true", "whisper-large-v3, Speech, true", "whisper-large-v3-turbo, Speech, true",
            "wav2vec2-base, Speech, false", "parakeet-tdt-0.6b-v2, Speech, false", "hubert-large, Speech, false",
            "stable-diffusion-1.5, GeneratedImages, false", "sdxl-base-1.0, GeneratedImages, false",
            "stable-diffusion-3.5-large, GeneratedImages, false", "flux.1-schnell, GeneratedImages, false",
            "musicgen-small, GeneratedAudio, true", "kokoro-82m, GeneratedAudio, false",
            "chronos-t5-small, Sequences, true", "timesfm-1.0-200m, Sequences, false", "moirai-1.0-r-base, Sequences, false",
            "xgboost, Rows, false", "tabpfn-v2, Sequences, false",
    })
    void acceptanceModelsSizeInTheirDomainsUnit(String id, String throughput, boolean kv) {
        CatalogWorkload w = CatalogWorkload.of(catalog.get(id)).orElseThrow();
        WorkloadEstimate e = DomainEstimator.estimate(w.model(), WorkloadRequest.gpu(4), GPU);
        assertThat(e.throughput().getClass().getSimpleName()).isEqualTo(throughput);
        assertThat(e.hasKvCache()).isEqualTo(kv);
        assertThat(e.throughput().itemsPerSecond()).isPositive().isFinite();
        assertThat(e.memory().weightsBytes()).isPositive();
    }

    @Test
    void everyHostableNonLlmEntryWithAParameterCountHasAWorkload() {
        List<String> missing = new ArrayList<>();
        for (CatalogModel m : catalog.all()) {
            boolean decoder = !m.details().shape().containsKey("encoderLayers")
                    && (m.domains().contains("llm") || m.tasks().stream().anyMatch(CatalogWorkload.DECODER_TASKS::contains));
            if (!m.hostable() || decoder || m.parameterCount() <= 0 && m.details().sizeTiers().isEmpty()) {
                continue;
            }
            var w = CatalogWorkload.of(m);
            if (w.isEmpty() && !m.details().shape().isEmpty() || w.isEmpty() && m.details().sizeTiers().isEmpty()) {
                missing.add(m.id());
            } else if (w.isPresent()) {
                // every mapped entry estimates on a GPU and on a CPU request without failing
                DomainEstimator.estimate(w.get().model(), WorkloadRequest.gpu(1), GPU);
                DomainEstimator.estimate(w.get().model(), WorkloadRequest.cpu(8), GPU);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void llmsStayOnTheLlmPath() {
        assertThat(CatalogWorkload.of(catalog.get("llama-3-8b"))).isEmpty();
        assertThat(CatalogWorkload.of(catalog.get("gpt-2"))).isEmpty();
        assertThat(CatalogWorkload.of(catalog.get("gpt-4o"))).as("API-only").isEmpty();
    }

    @Test
    void publishedFlopsConventionsAreConvertedToRealFlops() {
        // torchvision counts multiply-adds: ResNet-50 4.09 GFLOPS -> 8.18 real GFLOP (pytorch.org/vision models table).
        WorkloadModel.ConvNet resnet = (WorkloadModel.ConvNet) CatalogWorkload.of(catalog.get("resnet-50")).orElseThrow().model();
        assertThat(resnet.flopsPerInput()).isCloseTo(8.18e9, within(1e6));
        assertThat(resnet.layers()).isEqualTo(54);
        // Ultralytics reports thop MACs x 2: YOLOv8n 8.7 GFLOPs is already real FLOPs (docs.ultralytics.com/models/yolov8).
        WorkloadModel.ConvNet yolo = (WorkloadModel.ConvNet) CatalogWorkload.of(catalog.get("yolov8-n")).orElseThrow().model();
        assertThat(yolo.flopsPerInput()).isCloseTo(8.7e9, within(1e6));
        assertThat(yolo.referenceResolution()).isEqualTo(640);
    }

    @Test
    void whisperTurboHasFourDecoderLayersAndAKvCacheEightTimesSmaller() {
        // openai/whisper-large-v3-turbo config.json: decoder_layers 4 (large-v3: 32).
        WorkloadEstimate turbo = DomainEstimator.estimate(CatalogWorkload.of(catalog.get("whisper-large-v3-turbo")).orElseThrow().model(),
                WorkloadRequest.gpu(1), GPU);
        WorkloadEstimate v3 = DomainEstimator.estimate(CatalogWorkload.of(catalog.get("whisper-large-v3")).orElseThrow().model(),
                WorkloadRequest.gpu(1), GPU);
        assertThat(turbo.memory().kvCacheBytes() * 8).isEqualTo(v3.memory().kvCacheBytes());
        assertThat(((Throughput.Speech) turbo.throughput()).realTimeFactor())
                .isLessThan(((Throughput.Speech) v3.throughput()).realTimeFactor());
    }

    @Test
    void vaeDecoderWorkFollowsItsLayerTable() {
        // Hand sum of the AutoencoderKL decoder at 512 px (3x3 convs of the 512/512/256/128 stages): ~1.23 TMAC,
        // BK-SDM (arXiv:2305.15798) reports the SD image decoder at 1.24 TMACs.
        assertThat(VaeDecoder.flops(512, 4)).isCloseTo(2 * 1.24e12, within(0.04 * 2 * 1.24e12));
        // Convolutions scale with pixels (4x); the mid-block attention over latent positions with their square.
        assertThat(VaeDecoder.flops(1024, 16) / VaeDecoder.flops(512, 16)).isBetween(4.0, 4.5);
    }

    @Test
    void classicalModelsTakeTheSizeTierOfTheirRows() {
        CatalogModel xgb = catalog.get("xgboost");
        long small = DomainEstimator.estimate(CatalogWorkload.of(xgb, 5_000).orElseThrow().model(), WorkloadRequest.cpu(1), GPU)
                .memory().weightsBytes();
        long large = DomainEstimator.estimate(CatalogWorkload.of(xgb, 5_000_000).orElseThrow().model(), WorkloadRequest.cpu(1), GPU)
                .memory().weightsBytes();
        // brief model-domains.md "Tabular Model Sizes": 1-10 MB below 10K rows, 50-500 MB above 1M.
        assertThat(small).isBetween(1_000_000L, 10_000_000L);
        assertThat(large).isBetween(50_000_000L, 500_000_000L);
    }

    @Test
    void referenceInputsGiveTheirPixelSide() {
        assertThat(CatalogWorkload.resolution("224x224 RGB")).isEqualTo(224);
        assertThat(CatalogWorkload.resolution("about 800 px shorter side")).isEqualTo(800);
        assertThat(CatalogWorkload.resolution("25 frames at 576x1024")).isEqualTo(768);
        assertThat(CatalogWorkload.resolution("512 tokens")).isZero();
        assertThat(Set.of()).isEmpty();
    }
}
