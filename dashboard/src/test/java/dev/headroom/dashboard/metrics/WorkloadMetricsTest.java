package dev.headroom.dashboard.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.advisor.WorkloadAdvice;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.CatalogWorkload;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.dashboard.CapturedGpus;
import dev.headroom.dashboard.WatchItem;
import dev.headroom.dashboard.live.LiveAdvisor;
import dev.headroom.dashboard.live.LiveState;
import dev.headroom.dashboard.live.ResolvedWatch;
import dev.headroom.dashboard.live.WatchResult;
import dev.headroom.probe.live.HostSample;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.workload.Throughput;
import dev.headroom.sizing.workload.WorkloadRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code /metrics} for watched models of other domains (issue 13): the advisor's figures on each sample's machine. */
class WorkloadMetricsTest {
    private static final MemoryInfo RAM = new MemoryInfo(64L << 30, 40L << 30, MemoryInfo.NO_LIMIT, 0);
    private static final HardwareProfile HOST = new HardwareProfile("gpu-box-1", "Linux", new CpuInfo("GenuineIntel",
            "Intel Xeon", 16, 32, 32, List.of("avx512f")), RAM, List.of(), List.of());

    private final AtomicReference<LiveState> state = new AtomicReference<>();
    private final LiveAdvisor live = LiveAdvisor.of(HOST, ModelCatalog.bundled(), AcceleratorCatalog.bundled());

    private static List<ResolvedWatch> watch(String... items) {
        return ResolvedWatch.resolve(java.util.Arrays.stream(items).map(WatchItem::parse).toList(), ModelCatalog.bundled(), true,
                new ArrayList<>());
    }

    private String scrape(List<ResolvedWatch> watch) {
        // fixtures/nvml/captured-gpus.csv: a GTX 1060 3GB with 685441024 B in use.
        HostSample sample = new HostSample(1_700_000_000_000L, 0.5, RAM, CapturedGpus.load());
        var machine = live.machineAt(sample);
        state.set(new LiveState(sample, machine, live.fitTable(machine, sample.epochMillis()), 1, live.watch(machine, watch), 1));
        return new HeadroomMetrics(HOST, watch, state::get, () -> 0, new BuildInfo("1.2.3")).scrape();
    }

    private static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no series " + series + " in\n" + scrape);
    }

    @Test
    void visionSpeechAndTabularItemsExportThroughputInTheirUnitAndMemoryByComponent() {
        List<ResolvedWatch> watch = watch("resnet-50::batch=8", "whisper-small", "xgboost::batch=1000", "llama-3-8b:Q4_K_M:8192");
        String s = scrape(watch);
        List<WatchResult> results = state.get().watch();

        WorkloadAdvice resnet = results.get(0).workload();
        String r = "{batch=\"8\",model=\"resnet-50\"";
        assertThat(value(s, "headroom_workload_items_per_second" + r + ",unit=\"images\"}"))
                .isEqualTo(resnet.estimate().throughput().itemsPerSecond()).isPositive();
        assertThat(value(s, "headroom_workload_required_bytes" + r + "}")).isEqualTo(resnet.neededBytes());
        assertThat(value(s, "headroom_workload_memory_bytes{batch=\"8\",component=\"weights\",model=\"resnet-50\"}"))
                .isEqualTo(resnet.estimate().memory().bytesOf("weights")).isPositive();
        assertThat(value(s, "headroom_workload_memory_bytes{batch=\"8\",component=\"activations\",model=\"resnet-50\"}")).isPositive();
        assertThat(value(s, "headroom_workload_fits" + r + "}")).isEqualTo(1);
        assertThat(value(s, "headroom_workload_placement" + r + ",placement=\"" + resnet.where().toLowerCase() + "\"}")).isEqualTo(1);
        // ResNet has no decoder: no KV cache series, and no real-time factor.
        assertThat(s).doesNotContain("component=\"kvCache\",model=\"resnet-50\"").doesNotContain("headroom_workload_real_time_factor{batch=\"8\"");

        // Whisper: speech, with a decoder KV cache and a real-time factor (batch 1, 30 s by default).
        WorkloadAdvice whisper = results.get(1).workload();
        String w = "{batch=\"1\",model=\"whisper-small\"";
        assertThat(whisper.estimate().throughput()).isInstanceOf(Throughput.Speech.class);
        assertThat(value(s, "headroom_workload_real_time_factor" + w + "}"))
                .isEqualTo(((Throughput.Speech) whisper.estimate().throughput()).realTimeFactor()).isPositive();
        assertThat(value(s, "headroom_workload_memory_bytes{batch=\"1\",component=\"kvCache\",model=\"whisper-small\"}")).isPositive();
        assertThat(value(s, "headroom_workload_items_per_second" + w + ",unit=\"audio_inputs\"}")).isPositive();

        assertThat(value(s, "headroom_workload_items_per_second{batch=\"1000\",model=\"xgboost\",unit=\"rows\"}"))
                .isEqualTo(results.get(2).itemsPerSecond()).isPositive();
        // The LLM item keeps its own series, and no workload series.
        assertThat(s).contains("headroom_model_fits{context=\"8192\",model=\"llama-3-8b\",precision=\"Q4_K_M\"}")
                .doesNotContain("headroom_workload_fits{batch=\"1\",model=\"llama-3-8b\"");
    }

    @Test
    void theFiguresAreTheAdvisorsOnTheSamplesMachine() {
        List<ResolvedWatch> watch = watch("all-minilm-l6-v2::batch=32::tokens=128");
        String s = scrape(watch);
        WorkloadAdvice direct = live.advisor().adviseWorkload(state.get().machine(), ModelCatalog.bundled().get("all-minilm-l6-v2"),
                WorkloadRequest.cpu(32).withTokens(128), CatalogWorkload.DEFAULT_TRAINING_ROWS);
        assertThat(value(s, "headroom_workload_items_per_second{batch=\"32\",model=\"all-minilm-l6-v2\",unit=\"inputs\"}"))
                .isEqualTo(direct.estimate().throughput().itemsPerSecond());
        assertThat(value(s, "headroom_workload_headroom_bytes{batch=\"32\",model=\"all-minilm-l6-v2\"}")).isEqualTo(direct.headroomBytes());
    }

    @Test
    void watchItemSyntaxForDomainModels() {
        WatchItem plain = WatchItem.parse("resnet-50");
        assertThat(plain.workload()).isNull();
        WatchItem yolo = WatchItem.parse("yolov8-s::batch=4::resolution=640");
        assertThat(yolo.workload().batch()).isEqualTo(4);
        assertThat(yolo.workload().resolution()).isEqualTo(640);
        assertThat(yolo.toString()).isEqualTo("yolov8-s::batch=4::resolution=640");
        assertThat(WatchItem.parse(yolo.toString())).isEqualTo(yolo);
        assertThat(WatchItem.parse("whisper-small::audioSeconds=7.5").workload().audioSeconds()).isEqualTo(7.5);
        assertThatThrownBy(() -> WatchItem.parse("resnet-50::bach=8")).hasMessage(
                "watch: unknown option 'bach' in 'resnet-50::bach=8'; did you mean 'batch'? valid: batch, resolution, tokens, audioSeconds, steps");
        assertThatThrownBy(() -> WatchItem.parse("resnet-50::batch=0")).hasMessageContaining("batch: must be within 1..1000000, was 0");
        assertThatThrownBy(() -> WatchItem.parse("resnet-50::batch=x")).hasMessage("watch: batch in 'resnet-50::batch=x' is not a whole number: 'x'");
        // Resolved: a plain domain name is batch 1; LLM options on a domain model and domain options on an LLM are errors.
        assertThat(watch("resnet-50").get(0).workload().batch()).isEqualTo(1);
        assertThatThrownBy(() -> watch("resnet-50:Q4_K_M")).hasMessageContaining("precision and context apply to LLMs");
        assertThatThrownBy(() -> watch("llama-3-8b::batch=8")).hasMessageContaining("options after '::' apply to models of other domains");
    }
}
