package dev.headroom.dashboard.metrics;

import dev.headroom.probe.live.GpuSample;
import dev.headroom.dashboard.live.LiveState;
import dev.headroom.dashboard.live.ResolvedWatch;
import dev.headroom.dashboard.live.SampleListener;
import dev.headroom.dashboard.live.WatchResult;
import dev.headroom.sizing.hardware.HardwareProfile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Every {@code headroom_*} meter, read from the latest {@link LiveState} at scrape time (gauges hold no
 * values of their own, so a scrape never triggers a reading). Label sets are bounded: one per GPU, one
 * per watch item (at most {@link dev.headroom.dashboard.DashboardConfig#MAX_WATCH}), one for each info metric.
 * The full list with types and labels is in {@code docs/metrics.md}.
 */
public final class HeadroomMetrics implements SampleListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<LiveState> state;
    private final IntSupplier eventClients;
    private final Timer probeDuration;
    private final Counter probeErrors;
    private final Set<Integer> gpusRegistered = ConcurrentHashMap.newKeySet();
    private volatile long lastSuccessMillis;

    /**
     * @param startup the start-up probe (CPU, host, whether a memory limit applies)
     * @param watch the watch list, one label set each
     * @param state the latest state, read at every scrape
     * @param eventClients the number of open {@code /events} streams
     */
    public HeadroomMetrics(HardwareProfile startup, List<ResolvedWatch> watch, Supplier<LiveState> state,
                           IntSupplier eventClients, BuildInfo build) {
        this(startup, watch, state, eventClients, build, "no calibration");
    }

    /** @param calibration the calibration the estimates use, as {@code Machine.calibrationLabel()} names it */
    public HeadroomMetrics(HardwareProfile startup, List<ResolvedWatch> watch, Supplier<LiveState> state,
                           IntSupplier eventClients, BuildInfo build, String calibration) {
        this.state = state;
        this.eventClients = eventClients;
        info("headroom.build.info", "headroom version and the Java runtime it runs on",
                Tags.of("version", build.version(), "java_version", System.getProperty("java.version", "unknown")));
        info("headroom.calibration.info", "The calibration behind the speed estimates (or 'no calibration')",
                Tags.of("calibration", calibration));
        info("headroom.host.info", "The host as the probe names it",
                Tags.of("host", startup.hostName(), "os", startup.os()));
        info("headroom.cpu.info", "The processor as the probe names it",
                Tags.of("vendor", startup.cpu().vendor(), "model", startup.cpu().model()));
        Gauge.builder("headroom.cpu.logical.cores", () -> startup.cpu().logicalCores())
                .description("Hardware threads the OS schedules").register(registry);
        Gauge.builder("headroom.cpu.effective.cores", () -> startup.cpu().effectiveCores())
                .description("CPUs this process may use after container quota and affinity").register(registry);
        gauge("headroom.cpu.utilization", "ratio", "Busy fraction of all CPUs over the last sample interval",
                s -> s.sample().cpuUtilizationRatio());

        gauge("headroom.memory.total", "bytes", "Physical RAM of the host", s -> s.sample().memory().totalBytes());
        gauge("headroom.memory.available", "bytes", "RAM the OS can give without swapping (MemAvailable)",
                s -> s.sample().memory().availableBytes());
        if (startup.memory().hasLimit()) {
            gauge("headroom.memory.limit", "bytes", "The container (cgroup) memory limit; absent when none applies",
                    s -> s.sample().memory().hasLimit() ? s.sample().memory().limitBytes() : Double.NaN);
        }
        gauge("headroom.memory.effective.available", "bytes",
                "What a model can allocate now: available RAM capped by what the container limit leaves",
                s -> s.sample().memory().effectiveAvailableBytes());

        for (int i = 0; i < watch.size(); i++) {
            registerWatch(watch.get(i), i);
        }
        gauge("headroom.catalog.models", null, "Catalog models sized in the what-fits-now table",
                s -> s.fit().rows().size());
        gauge("headroom.catalog.models.fitting", null,
                "Catalog models that fit now at some precision of the ladder (context 4096)",
                s -> s.fit().fittingCount());

        probeDuration = Timer.builder("headroom.probe.duration")
                .description("Time of one sample: reading CPU, memory and GPUs, and sizing the watch list")
                .register(registry);
        probeErrors = Counter.builder("headroom.probe.errors")
                .description("Samples that failed; the previous values stay exported").register(registry);
        Gauge.builder("headroom.probe.last.success.timestamp", () -> lastSuccessMillis / 1000.0)
                .baseUnit("seconds")
                .description("Unix time of the last successful sample").register(registry);
        Gauge.builder("headroom.event.clients", eventClients::getAsInt)
                .description("Open server-sent event streams (/events)").register(registry);
        LiveState now = state.get();
        if (now != null) {
            published(now);
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition format (0.0.4), freshly rendered. */
    public String scrape() {
        return registry.scrape();
    }

    private record Rendered(long sequence, int clients, long errors, long timed, byte[] body) {
    }

    private volatile Rendered rendered;

    /**
     * The exposition as UTF-8 bytes, rendered at most once per sample: every value is read from the
     * latest {@link LiveState}, so until the next sample (or a change in the sample count, error count or open streams)
     * a new rendering would be byte-for-byte the same. This keeps {@code /metrics} cheap however often it
     * is scraped.
     */
    public byte[] scrapeBytes() {
        LiveState s = state.get();
        long sequence = s == null ? -1 : s.sequence();
        int clients = eventClients.getAsInt();
        long errors = (long) probeErrors.count();
        long timed = probeDuration.count();
        Rendered r = rendered;
        if (r == null || r.sequence() != sequence || r.clients() != clients || r.errors() != errors || r.timed() != timed) {
            r = new Rendered(sequence, clients, errors, timed, registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            rendered = r;
        }
        return r.body();
    }

    @Override
    public void published(LiveState s) {
        lastSuccessMillis = s.sample().epochMillis();
        for (GpuSample g : s.sample().gpus()) {
            if (gpusRegistered.add(g.index())) {
                registerGpu(g);
            }
        }
    }

    @Override
    public void timed(long nanos) {
        probeDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void failed(Throwable error) {
        probeErrors.increment();
    }

    private void registerGpu(GpuSample first) {
        int index = first.index();
        Tags gpu = Tags.of("gpu", Integer.toString(index));
        info("headroom.gpu.info", "Each GPU as the driver names it", gpu.and("vendor", first.vendor(), "name", first.name()));
        gpuGauge("headroom.gpu.memory.total", "bytes", "Device memory", index, gpu, GpuSample::memoryTotalBytes);
        if (first.hasUsed()) {
            gpuGauge("headroom.gpu.memory.used", "bytes", "Device memory in use", index, gpu, GpuSample::memoryUsedBytes);
        }
        if (first.hasUtilization()) {
            gpuGauge("headroom.gpu.utilization", "ratio", "Busy fraction over the driver's last sample period",
                    index, gpu, GpuSample::utilizationRatio);
        }
    }

    private void gpuGauge(String name, String unit, String help, int index, Tags tags, ToDoubleFunction<GpuSample> value) {
        Gauge.builder(name, () -> {
            for (GpuSample g : state.get().sample().gpus()) {
                if (g.index() == index) {
                    return value.applyAsDouble(g);
                }
            }
            return Double.NaN;
        }).baseUnit(unit).description(help).tags(tags).register(registry);
    }

    private void registerWatch(ResolvedWatch w, int position) {
        Tags tags = Tags.of("model", w.modelId(), "precision", w.item().precision().displayName(),
                "context", Long.toString(w.item().contextTokens()));
        watchGauge("headroom.model.fits", null, "1 when the watched deployment fits in memory now, else 0",
                position, tags, r -> r.fits() ? 1 : 0);
        watchGauge("headroom.model.headroom", "bytes",
                "Memory left in the pool the watched deployment would use; negative: the shortfall",
                position, tags, WatchResult::headroomBytes);
        watchGauge("headroom.model.required", "bytes", "Memory the watched deployment needs (weights, KV cache, buffers)",
                position, tags, r -> r.estimate().placement().neededBytes());
        watchGauge("headroom.model.decode.tokens.per.second", null,
                "Estimated decode speed of one sequence, tokens per second; 0 when it does not fit",
                position, tags, WatchResult::decodeTokensPerSecond);
    }

    private void watchGauge(String name, String unit, String help, int position, Tags tags, ToDoubleFunction<WatchResult> value) {
        Gauge.builder(name, () -> value.applyAsDouble(state.get().watch().get(position)))
                .baseUnit(unit).description(help).tags(tags).register(registry);
    }

    private void gauge(String name, String unit, String help, ToDoubleFunction<LiveState> value) {
        Gauge.builder(name, () -> value.applyAsDouble(state.get())).baseUnit(unit).description(help).register(registry);
    }

    private void info(String name, String help, Tags tags) {
        Gauge.builder(name, () -> 1).description(help).tags(tags).register(registry);
    }
}
