package dev.headroom.sizing.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.speed.DeviceClass;
import dev.headroom.sizing.speed.SpeedCeilings;
import dev.headroom.sizing.workload.WorkloadModel.AudioGenerator;
import dev.headroom.sizing.workload.WorkloadModel.ConvNet;
import dev.headroom.sizing.workload.WorkloadModel.Diffusion;
import dev.headroom.sizing.workload.WorkloadModel.EncoderDecoder;
import dev.headroom.sizing.workload.WorkloadModel.SpeechEncoder;
import dev.headroom.sizing.workload.WorkloadModel.TransformerEncoder;
import dev.headroom.sizing.workload.WorkloadModel.TreeEnsemble;
import dev.headroom.sizing.workload.WorkloadModel.VisionTransformer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainEstimatorTest {
    // RTX 4090: 1008 GB/s, 165.2 TFLOP/s dense FP16 tensor with FP32 accumulate... the engine's datasheet path uses the
    // FP16 figure the accelerator catalog states; here a round 165e12 (NVIDIA Ada whitepaper, RTX 4090 column).
    static final SpeedCeilings GPU = SpeedCeilings.forDatasheet(DeviceClass.NVIDIA, "RTX 4090", 1008e9, 165e12);
    // A small CPU: 20 GB/s, 200 GFLOP/s, no per-layer overhead, loads and FMAs in one stream (overlap 0).
    static final SpeedCeilings CPU = new SpeedCeilings(20e9, 200e9, Map.of(), 0, 0, 0, Origin.MEASURED, "test CPU");

    // torchvision weights table (https://pytorch.org/vision/stable/models.html): ResNet-50 25,557,032 params,
    // 4.09 GFLOPS counted as multiply-adds at 224x224 -> 8.18 real GFLOP.
    static final ConvNet RESNET50 = new ConvNet("resnet-50", 25_557_032L, 2 * 4.09e9, 224, 9_633_792L, 54, ThroughputUnit.IMAGES);
    // ViT-B/16 (torchvision vit_b_16: 86,567,656 params, 17.56 GFLOPS as multiply-adds at 224).
    static final VisionTransformer VIT_B16 = new VisionTransformer("vit-b-16", 86_567_656L, 12, 768, 12, 3072, 16, 224, 1, null);
    // bert-base-uncased config.json: 12 layers, 768 wide, 12 heads, 3072 MLP, 512 positions; 109,482,240 params.
    static final TransformerEncoder BERT = new TransformerEncoder("bert-base", 109_482_240L, 12, 768, 12, 12, 3072, false, 128, 512,
            ThroughputUnit.SEQUENCES);
    // openai/whisper-large-v3 config.json: 32+32 layers, d_model 1280, 20 heads, ffn 5120, vocab 51866, 128 mels.
    static final EncoderDecoder WHISPER = new EncoderDecoder("whisper-large-v3", 1_543_490_560L, 32, 32, 1280, 20, 5120, 51866, 128, 448, 0,
            ThroughputUnit.AUDIO);

    @Test
    void visionTransformerFlopsMatchTorchvisionsCount() {
        WorkloadEstimate e = DomainEstimator.estimate(VIT_B16, WorkloadRequest.gpu(1), GPU);
        // torchvision: 17.56 GMAC = 35.12 GFLOP at 224 px (197 tokens).
        assertThat(e.flopsPerBatch()).isCloseTo(2 * 17.56e9, within(0.02 * 35.12e9));
        assertThat(e.throughput()).isInstanceOf(Throughput.Images.class);
        assertThat(e.hasKvCache()).isFalse();
    }

    @Test
    void bertFlopsMatchThePublishedCountAt128Tokens() {
        // MobileBERT paper (Sun et al. 2020, arXiv:2004.02984, Table 4): BERT-base 22.5 GFLOPs at sequence length 128.
        WorkloadEstimate e = DomainEstimator.estimate(BERT, WorkloadRequest.cpu(1).withTokens(128), CPU);
        assertThat(e.flopsPerBatch()).isCloseTo(22.5e9, within(0.03 * 22.5e9));
        Throughput.Sequences t = (Throughput.Sequences) e.throughput();
        assertThat(t.tokensPerSecond()).isCloseTo(128 * t.inputsPerSecond(), within(1e-6 * t.tokensPerSecond()));
        assertThat(e.hasKvCache()).as("an encoder keeps no KV cache").isFalse();
        assertThat(e.memory().components()).extracting(MemoryComponent::name)
                .containsExactly(MemoryComponent.WEIGHTS, WorkloadMemory.ACTIVATIONS, MemoryComponent.RUNTIME_OVERHEAD);
    }

    @Test
    void convNetWorkScalesWithPixels() {
        WorkloadEstimate at224 = DomainEstimator.estimate(RESNET50, WorkloadRequest.cpu(1), CPU);
        WorkloadEstimate at448 = DomainEstimator.estimate(RESNET50, WorkloadRequest.cpu(1).withResolution(448), CPU);
        assertThat(at224.flopsPerBatch()).isEqualTo(8.18e9);
        assertThat(at448.flopsPerBatch()).isEqualTo(4 * 8.18e9);
        assertThat(at448.memory().bytesOf(WorkloadMemory.ACTIVATIONS)).isEqualTo(4 * at224.memory().bytesOf(WorkloadMemory.ACTIVATIONS));
        assertThat(((Throughput.Images) at448.throughput()).resolution()).isEqualTo(448);
    }

    @Test
    void smallBatchesAreBoundByOverheadOrBandwidthAndLargeOnesByCompute() {
        WorkloadEstimate one = DomainEstimator.estimate(RESNET50, WorkloadRequest.gpu(1), GPU);
        WorkloadEstimate many = DomainEstimator.estimate(RESNET50, WorkloadRequest.gpu(256), GPU);
        assertThat(one.bound()).isNotEqualTo(Bound.COMPUTE);
        assertThat(many.bound()).isEqualTo(Bound.COMPUTE);
        double ceiling = GPU.flopsPerSecond() / 8.18e9;
        // Batch 1 pays 54 kernels x 95/20 us of fixed cost on top of 0.16 ms of compute; batch 256 amortises it.
        assertThat(many.throughput().itemsPerSecond()).isGreaterThan(2 * one.throughput().itemsPerSecond()).isLessThan(ceiling);
        assertThat(many.throughput().itemsPerSecond()).isGreaterThan(0.9 * ceiling);
    }

    @Test
    void whisperTranscribesWindowsWithAKvCacheAndReportsRealTimeFactor() {
        WorkloadEstimate e = DomainEstimator.estimate(WHISPER, WorkloadRequest.gpu(1).withAudioSeconds(60), GPU);
        assertThat(e.hasKvCache()).isTrue();
        // Two 30 s windows, 1500 encoder positions and 99 decoder tokens (3.3/s x 30 s) each.
        long kv = e.memory().kvCacheBytes();
        assertThat(kv).isEqualTo(2L * 32 * 2 * 1280 * (99 + 1500) * 2);
        Throughput.Speech s = (Throughput.Speech) e.throughput();
        assertThat(s.realTimeFactor()).isLessThan(1).isPositive();
        assertThat(s.audioHoursPerHour()).isCloseTo(1 / s.realTimeFactor(), within(1e-9));
        assertThat(s.headline()).contains("RTF").contains("audio-h/h");
    }

    @Test
    void batchingStreamsRaisesAudioHoursPerHour() {
        Throughput.Speech one = (Throughput.Speech) DomainEstimator.estimate(WHISPER, WorkloadRequest.gpu(1), GPU).throughput();
        Throughput.Speech sixteen = (Throughput.Speech) DomainEstimator.estimate(WHISPER, WorkloadRequest.gpu(16), GPU).throughput();
        assertThat(sixteen.audioHoursPerHour()).isGreaterThan(4 * one.audioHoursPerHour());
        assertThat(sixteen.realTimeFactor()).isGreaterThan(one.realTimeFactor()); // each stream waits for the batch
    }

    @Test
    void speechEncodersCountFramesAndTheirFrontEnd() {
        // wav2vec2-base (facebook/wav2vec2-base-960h config.json): 12 layers, 768, 12 heads, 3072; 49 frames/s at 16 kHz.
        SpeechEncoder w2v = new SpeechEncoder("wav2vec2-base", 94_396_320L, 12, 768, 12, 3072, false, 49.5,
                SpeechFrontEnds.wav2vec2FlopsPerSecond(512));
        WorkloadEstimate e = DomainEstimator.estimate(w2v, WorkloadRequest.gpu(1).withAudioSeconds(10), GPU);
        assertThat(e.hasKvCache()).isFalse();
        assertThat(e.throughput()).isInstanceOf(Throughput.Speech.class);
        // Front end: seven 512-channel convolutions, ~2.4 GMAC per second of audio (computed from the kernel table).
        assertThat(SpeechFrontEnds.wav2vec2FlopsPerSecond(512)).isCloseTo(2 * 2.45e9, within(0.1e9));
    }

    @Test
    void diffusionCostsStepsTimesGuidanceAndScalesWithPixels() {
        // SD 1.5: U-Net 859,520,964 params, 339 GMAC per step at 512 px (BK-SDM, arXiv:2305.15798);
        // CLIP ViT-L text encoder 123,060,480; VAE 83,653,863; its decoder ~1.24 TMAC at 512 px.
        Diffusion sd15 = new Diffusion("sd-1.5", 859_520_964L, 2 * 339e9, 0, 0, List.of(123_060_480L), 77, 83_653_863L,
                2 * 1.24e12, 512, 50, true, 300);
        WorkloadEstimate e = DomainEstimator.estimate(sd15, WorkloadRequest.gpu(1), GPU);
        Throughput.GeneratedImages t = (Throughput.GeneratedImages) e.throughput();
        assertThat(t.steps()).isEqualTo(50);
        assertThat(t.secondsPerImage()).isGreaterThan(50 / t.iterationsPerSecond());
        assertThat(e.flopsPerBatch()).isGreaterThan(50 * 2 * 2 * 339e9);
        assertThat(e.hasKvCache()).isFalse();
        WorkloadEstimate small = DomainEstimator.estimate(sd15, WorkloadRequest.gpu(1).withResolution(256).withSteps(25), GPU);
        assertThat(small.flopsPerBatch()).isLessThan(e.flopsPerBatch() / 7);
        assertThatThrownBy(() -> DomainEstimator.estimate(sd15, WorkloadRequest.gpu(1).withResolution(500), GPU))
                .hasMessageContaining("multiple of the VAE's 8");
    }

    @Test
    void ditWorkGrowsWithImageTokens() {
        // FLUX.1-schnell: 11.9B transformer, 19 double + 38 single blocks of width 3072, T5 (4.76B) + CLIP-L text encoders,
        // 4 steps without guidance (black-forest-labs/flux README; diffusers FluxTransformer2DModel config).
        Diffusion flux = new Diffusion("flux.1-schnell", 11_901_408_320L, 0, 57, 3072, List.of(123_060_480L, 4_762_310_656L), 256,
                83_819_683L, 2 * 1.24e12, 1024, 4, false, 57 * 6);
        WorkloadEstimate e = DomainEstimator.estimate(flux, WorkloadRequest.gpu(1), GPU);
        double step = 2.0 * 11_901_408_320L * (4096 + 256) + 4.0 * 57 * 4352.0 * 4352 * 3072;
        assertThat(e.flopsPerBatch()).isGreaterThan(4 * step).isLessThan(4 * step * 1.2);
        assertThat(e.memory().weightsBytes()).isEqualTo(2 * flux.parameters());
    }

    @Test
    void autoregressiveAudioKeepsACacheAndNonAutoregressiveDoesNot() {
        // MusicGen-small: 300M decoder, 24 layers of 1024, 50 steps per second of audio (facebook/musicgen-small config, EnCodec 32 kHz).
        AudioGenerator musicgen = new AudioGenerator("musicgen-small", 300_000_000L, 300_000_000L, 24, 1024, 50, 0, 0);
        // Kokoro-82M: non-autoregressive StyleTTS2 + iSTFTNet; work as 2 FLOP per weight per 80 Hz frame (estimate).
        AudioGenerator kokoro = new AudioGenerator("kokoro-82m", 82_000_000L, 0, 0, 0, 0, 2 * 82e6 * 80, 60);
        WorkloadEstimate music = DomainEstimator.estimate(musicgen, WorkloadRequest.gpu(1), GPU);
        WorkloadEstimate tts = DomainEstimator.estimate(kokoro, WorkloadRequest.gpu(1), GPU);
        assertThat(music.hasKvCache()).isTrue();
        assertThat(tts.hasKvCache()).isFalse();
        assertThat(((Throughput.GeneratedAudio) tts.throughput()).realTimeFactor()).isLessThan(
                ((Throughput.GeneratedAudio) music.throughput()).realTimeFactor());
    }

    @Test
    void treesTakeTheirSizeTierAndCountRows() {
        TreeEnsemble xgb = new TreeEnsemble("xgboost", 5L << 20, 100, 6);
        WorkloadEstimate e = DomainEstimator.estimate(xgb, WorkloadRequest.cpu(10_000), CPU);
        assertThat(e.memory().weightsBytes()).isEqualTo(5L << 20);
        assertThat(e.throughput()).isInstanceOf(Throughput.Rows.class);
        assertThat(e.throughput().itemsPerSecond()).isGreaterThan(
                DomainEstimator.estimate(xgb, WorkloadRequest.cpu(1), CPU).throughput().itemsPerSecond());
    }

    @Test
    void measuredEfficiencyScalesComputeBoundThroughput() {
        WorkloadRequest r = WorkloadRequest.cpu(64);
        double plain = DomainEstimator.estimate(RESNET50, r, CPU).throughput().itemsPerSecond();
        double half = DomainEstimator.estimate(RESNET50, r, CPU, new WorkloadCalibration(0.5, Origin.MEASURED, "bench")).throughput().itemsPerSecond();
        assertThat(half).isLessThan(plain * 0.75);
    }

    @Test
    void largestBatchFillsTheBudget() {
        long budget = 2L << 30;
        int n = DomainEstimator.largestBatch(BERT, WorkloadRequest.gpu(1).withTokens(512), GPU, budget);
        assertThat(n).isPositive();
        assertThat(DomainEstimator.estimate(BERT, WorkloadRequest.gpu(n).withTokens(512), GPU).totalBytes()).isLessThanOrEqualTo(budget);
        assertThat(DomainEstimator.estimate(BERT, WorkloadRequest.gpu(n + 1).withTokens(512), GPU).totalBytes()).isGreaterThan(budget);
        assertThat(DomainEstimator.largestBatch(WHISPER, WorkloadRequest.gpu(1), GPU, 1L << 20)).isZero();
    }

    @Test
    void inputsBeyondTheModelAreRejectedWithTheField() {
        assertThatThrownBy(() -> DomainEstimator.estimate(BERT, WorkloadRequest.gpu(1).withTokens(1024), GPU))
                .hasMessageContaining("tokens").hasMessageContaining("512");
        assertThatThrownBy(() -> WorkloadRequest.gpu(0)).hasMessageContaining("batch");
        assertThatThrownBy(() -> new ConvNet("x", 0, 1, 224, 0, 1, null)).hasMessageContaining("parameters");
    }
}
