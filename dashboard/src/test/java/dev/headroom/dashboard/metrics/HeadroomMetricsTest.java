package dev.headroom.dashboard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.dashboard.CapturedGpus;
import dev.headroom.dashboard.DashboardConfig;
import dev.headroom.dashboard.live.LiveAdvisor;
import dev.headroom.probe.live.HostSample;
import dev.headroom.dashboard.live.LiveState;
import dev.headroom.dashboard.live.ResolvedWatch;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeadroomMetricsTest {
    private static final MemoryInfo LIMITED = new MemoryInfo(64L << 30, 40L << 30, 16L << 30, 6L << 30);
    private static final HardwareProfile HOST = new HardwareProfile("gpu-box-1", "Linux", new CpuInfo("GenuineIntel",
            "Intel Xeon", 16, 32, 8, List.of("avx512f")), LIMITED, List.of(), List.of());

    private final AtomicReference<LiveState> state = new AtomicReference<>();
    private final LiveAdvisor calculator = LiveAdvisor.of(HOST, ModelCatalog.bundled(), AcceleratorCatalog.bundled());

    private HeadroomMetrics metrics(List<ResolvedWatch> watch) {
        HostSample sample = new HostSample(1_700_000_000_000L, 0.5, LIMITED, CapturedGpus.load());
        var estimator = calculator.machineAt(sample);
        state.set(new LiveState(sample, estimator, calculator.fitTable(estimator, sample.epochMillis()), 1,
                calculator.watch(estimator, watch), 1));
        return new HeadroomMetrics(HOST, watch, state::get, () -> 3, new BuildInfo("1.2.3"));
    }

    private static List<ResolvedWatch> defaultWatch() {
        return ResolvedWatch.resolve(DashboardConfig.DEFAULT_WATCH, ModelCatalog.bundled(), true, new ArrayList<>());
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
    void hostMemoryCpuAndBuildAreExportedInBaseUnits() {
        String s = metrics(List.of()).scrape();
        assertThat(value(s, "headroom_memory_total_bytes")).isEqualTo(64L << 30);
        assertThat(value(s, "headroom_memory_available_bytes")).isEqualTo(40L << 30);
        assertThat(value(s, "headroom_memory_limit_bytes")).isEqualTo(16L << 30);
        assertThat(value(s, "headroom_memory_effective_available_bytes")).isEqualTo(10L << 30);
        assertThat(value(s, "headroom_cpu_utilization_ratio")).isEqualTo(0.5);
        assertThat(value(s, "headroom_cpu_effective_cores")).isEqualTo(8);
        assertThat(value(s, "headroom_build_info{java_version=\"" + System.getProperty("java.version") + "\",version=\"1.2.3\"}")).isEqualTo(1);
        assertThat(value(s, "headroom_host_info{host=\"gpu-box-1\",os=\"Linux\"}")).isEqualTo(1);
        assertThat(value(s, "headroom_cpu_info{model=\"Intel Xeon\",vendor=\"GenuineIntel\"}")).isEqualTo(1);
        assertThat(value(s, "headroom_event_clients")).isEqualTo(3);
        assertThat(value(s, "headroom_probe_last_success_timestamp_seconds")).isEqualTo(1_700_000_000.0);
    }

    @Test
    void eachGpuHasInfoMemoryAndUtilisationSeries() {
        String s = metrics(List.of()).scrape();
        // fixtures/nvml/captured-gpus.csv: GTX 1060 3GB 3156738048 B total, 685441024 B used, 5 %.
        assertThat(value(s, "headroom_gpu_info{gpu=\"0\",name=\"GeForce GTX 1060 3GB\",vendor=\"NVIDIA\"}")).isEqualTo(1);
        assertThat(value(s, "headroom_gpu_memory_total_bytes{gpu=\"0\"}")).isEqualTo(3156738048.0);
        assertThat(value(s, "headroom_gpu_memory_used_bytes{gpu=\"0\"}")).isEqualTo(685441024.0);
        assertThat(value(s, "headroom_gpu_utilization_ratio{gpu=\"0\"}")).isEqualTo(0.05);
        assertThat(value(s, "headroom_gpu_utilization_ratio{gpu=\"1\"}")).isEqualTo(0.09);
    }

    @Test
    void eachWatchItemIsOneLabelSetOfFourModelSeries() {
        List<ResolvedWatch> watch = defaultWatch();
        String s = metrics(watch).scrape();
        assertThat(value(s, "headroom_model_fits{context=\"8192\",model=\"llama-3-8b\",precision=\"Q4_K_M\"}")).isEqualTo(1);
        assertThat(value(s, "headroom_model_fits{context=\"8192\",model=\"llama-3-70b\",precision=\"Q4_K_M\"}"))
                .as("a 70B model does not fit in 10 GiB").isZero();
        assertThat(value(s, "headroom_model_headroom_bytes{context=\"8192\",model=\"llama-3-70b\",precision=\"Q4_K_M\"}")).isNegative();
        assertThat(value(s, "headroom_model_decode_tokens_per_second{context=\"8192\",model=\"llama-3-8b\",precision=\"Q4_K_M\"}")).isPositive();
        for (String name : List.of("headroom_model_fits", "headroom_model_headroom_bytes", "headroom_model_required_bytes",
                "headroom_model_decode_tokens_per_second")) {
            assertThat(Arrays.stream(s.split("\n")).filter(l -> l.startsWith(name + "{"))).hasSize(watch.size());
        }
    }

    @Test
    void probeTimingAndErrorsAreCounted() {
        HeadroomMetrics m = metrics(List.of());
        m.timed(2_000_000);
        m.timed(4_000_000);
        m.failed(new IllegalStateException("x"));
        String s = m.scrape();
        assertThat(value(s, "headroom_probe_duration_seconds_count")).isEqualTo(2);
        assertThat(value(s, "headroom_probe_duration_seconds_sum")).isEqualTo(0.006);
        assertThat(value(s, "headroom_probe_errors_total")).isEqualTo(1);
    }

    @Test
    void everyMetricIsPrefixedDocumentedAndCarriesOnlyBoundedLabels() {
        String s = metrics(defaultWatch()).scrape();
        Pattern sample = Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? .*$");
        List<String> allowedLabels = List.of("version", "java_version", "host", "os", "vendor", "model", "gpu", "name",
                "precision", "context", "calibration");
        for (String line : s.split("\n")) {
            if (line.startsWith("# HELP ")) {
                assertThat(line.split(" ", 4)[3]).as(line).isNotBlank();
                continue;
            }
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = sample.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(m.group(1)).startsWith("headroom_");
            if (m.group(2) != null) {
                for (String pair : m.group(2).substring(1, m.group(2).length() - 1).split(",(?=[a-z_]+=)")) {
                    assertThat(pair.substring(0, pair.indexOf('='))).isIn(allowedLabels);
                }
            }
        }
    }

    @Test
    void theCachedRenderingChangesWithEachNewSampleAndOnlyThen() {
        HeadroomMetrics m = metrics(List.of());
        byte[] first = m.scrapeBytes();
        assertThat(m.scrapeBytes()).isSameAs(first);
        assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(m.scrape());
        LiveState before = state.get();
        HostSample next = new HostSample(before.sample().epochMillis() + 1000, 0.75, before.sample().memory(), before.sample().gpus());
        state.set(new LiveState(next, before.machine(), before.fit(), before.fitVersion(), before.watch(), before.sequence() + 1));
        String second = new String(m.scrapeBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(value(second, "headroom_cpu_utilization_ratio")).isEqualTo(0.75);
        m.failed(new IllegalStateException("x"));
        assertThat(value(new String(m.scrapeBytes(), java.nio.charset.StandardCharsets.UTF_8), "headroom_probe_errors_total")).isEqualTo(1);
    }

    @Test
    void withoutAContainerLimitTheLimitSeriesIsAbsentNotZero() {
        HardwareProfile unlimited = new HardwareProfile("h", "Linux", HOST.cpu(),
                new MemoryInfo(64L << 30, 40L << 30, MemoryInfo.NO_LIMIT, 0), List.of(), List.of());
        HostSample sample = new HostSample(1, 0.1, unlimited.memory(), List.of());
        LiveAdvisor c = LiveAdvisor.of(unlimited, ModelCatalog.bundled(), AcceleratorCatalog.bundled());
        var e = c.machineAt(sample);
        LiveState st = new LiveState(sample, e, c.fitTable(e, 1), 1, List.of(), 1);
        String s = new HeadroomMetrics(unlimited, List.of(), () -> st, () -> 0, new BuildInfo(null)).scrape();
        assertThat(s).doesNotContain("headroom_memory_limit_bytes").doesNotContain("headroom_gpu_");
        assertThat(s).contains("version=\"unknown\"");
    }
}
