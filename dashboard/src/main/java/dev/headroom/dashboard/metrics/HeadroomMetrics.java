package dev.headroom.dashboard.metrics;

import dev.headroom.advisor.check.CapacityEvaluator;
import dev.headroom.advisor.check.WorkloadRequirement;
import dev.headroom.probe.live.GpuSample;
import dev.headroom.sizing.memory.MemoryComponent;
import dev.headroom.sizing.workload.ThroughputUnit;
import dev.headroom.sizing.workload.WorkloadMemory;
import dev.headroom.dashboard.live.LiveState;
import dev.headroom.dashboard.live.ModelState;
import dev.headroom.probe.live.ModelServer;
import dev.headroom.probe.live.ModelServerSampler;
import dev.headroom.probe.live.ModelServers;
import io.micrometer.core.instrument.Meter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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
 * per watch item (at most {@link dev.headroom.dashboard.DashboardConfig#MAX_WATCH}; four states each), one for
 * each info metric, and at most {@link #MAX_SERVER_INFO} model-server series.
 * The full list with types and labels is in {@code docs/metrics.md}.
 */
public final class HeadroomMetrics implements SampleListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<LiveState> state;
    private final IntSupplier eventClients;
    private final Timer probeDuration;
    private final Counter probeErrors;
    private final Set<Integer> gpusRegistered = ConcurrentHashMap.newKeySet();
    /** Info series of the model servers now, by (gpu, runtime, pid); at most {@link #MAX_SERVER_INFO}. */
    private final Map<List<String>, Meter> serverInfo = new LinkedHashMap<>();
    private volatile long serverInfoVersion;
    /** At most this many {@code headroom_model_server_info} series: the largest servers' GPUs first. */
    public static final int MAX_SERVER_INFO = 16;
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
        gauge("headroom.memory.used.by.model.servers", "bytes",
                "Host memory held by model servers that the kernel cannot reclaim (RssAnon + RssShmem)",
                s -> s.sample().servers().residentBytes());
        gauge("headroom.model.servers", null, "Model server processes running on this host (at most "
                + ModelServerSampler.MAX_SERVERS + " counted)", s -> s.sample().servers().servers().size());

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

    private record Rendered(long sequence, int clients, long errors, long timed, long info, byte[] body) {
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
        long info = serverInfoVersion;
        Rendered r = rendered;
        if (r == null || r.sequence() != sequence || r.clients() != clients || r.errors() != errors || r.timed() != timed
                || r.info() != info) {
            r = new Rendered(sequence, clients, errors, timed, info, registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
        updateServerInfo(s.sample().servers());
    }

    /** One series per (GPU, runtime, pid) of the largest servers; series of servers gone are removed. */
    private synchronized void updateServerInfo(ModelServers servers) {
        Set<List<String>> wanted = new LinkedHashSet<>();
        for (ModelServer m : servers.servers()) {
            if (m.gpuBytes().isEmpty()) {
                wanted.add(List.of("none", m.runtime().label(), Long.toString(m.pid())));
            }
            m.gpuBytes().keySet().forEach(gpu -> wanted.add(List.of(Integer.toString(gpu), m.runtime().label(), Long.toString(m.pid()))));
            if (wanted.size() >= MAX_SERVER_INFO) {
                break;
            }
        }
        Set<List<String>> keep = new LinkedHashSet<>(wanted.stream().limit(MAX_SERVER_INFO).toList());
        boolean changed = serverInfo.keySet().removeIf(k -> {
            if (keep.contains(k)) {
                return false;
            }
            registry.remove(serverInfo.get(k));
            return true;
        });
        for (List<String> k : keep) {
            if (!serverInfo.containsKey(k)) {
                serverInfo.put(k, Gauge.builder("headroom.model.server.info", () -> 1)
                        .description("A model server process (llama.cpp, ollama, vllm, ...) and a GPU it holds memory on"
                                + " ('none': host memory only); at most " + MAX_SERVER_INFO + " series")
                        .tags(Tags.of("gpu", k.get(0), "runtime", k.get(1), "pid", k.get(2))).register(registry));
                changed = true;
            }
        }
        if (changed) {
            serverInfoVersion++;
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
        Gauge.builder("headroom.gpu.memory.used.by.model.servers", () -> state.get().sample().servers().gpuBytes(index))
                .baseUnit("bytes").description("Device memory held by model server processes (per-process use from the driver)")
                .tags(gpu).register(registry);
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
        if (w.isWorkload()) {
            registerWorkload(w, position);
            return;
        }
        Tags tags = Tags.of("model", w.modelId(), "precision", w.item().precision().displayName(),
                "context", Long.toString(w.item().contextTokens()));
        watchGauge("headroom.model.fits", null, "1 when the watched deployment fits in memory now, else 0",
                position, tags, r -> r.fits() ? 1 : 0);
        watchGauge("headroom.model.fits.when.idle", null,
                "1 when the watched deployment fits on this machine when idle (all GPU memory free, model servers' host memory"
                        + " given back), else 0: the capacity is there", position, tags, r -> r.fitsWhenIdle() ? 1 : 0);
        watchGauge("headroom.model.idle.headroom", "bytes",
                "Memory left in the pool the watched deployment would use on this machine when idle; negative: the shortfall",
                position, tags, WatchResult::idleHeadroomBytes);
        for (ModelState st : ModelState.values()) {
            watchGauge("headroom.model.state", null,
                    "1 for the watched deployment's state (serving, fits_now, fits_when_idle, does_not_fit), 0 for the others",
                    position, tags.and("state", st.label()), r -> r.state() == st ? 1 : 0);
        }
        watchGauge("headroom.model.headroom", "bytes",
                "Memory left in the pool the watched deployment would use; negative: the shortfall",
                position, tags, WatchResult::headroomBytes);
        watchGauge("headroom.model.required", "bytes", "Memory the watched deployment needs (weights, KV cache, buffers)",
                position, tags, WatchResult::requiredBytes);
        watchGauge("headroom.model.decode.tokens.per.second", null,
                "Estimated decode speed of one sequence, tokens per second; 0 when it does not fit",
                position, tags, WatchResult::decodeTokensPerSecond);
    }

    /** Memory components a workload exports, bounded: the engine's workload breakdown (KV cache only for decoders). */
    static final List<String> WORKLOAD_COMPONENTS = List.of(MemoryComponent.WEIGHTS, WorkloadMemory.ACTIVATIONS,
            MemoryComponent.KV_CACHE, MemoryComponent.RUNTIME_OVERHEAD);

    /** Placements a workload reports ({@code headroom_workload_placement}): the advisor's GPU, CPU or no fit. */
    static final List<String> WORKLOAD_PLACEMENTS = List.of("GPU", "CPU", "no fit");

    /**
     * A model of another domain: label set {model, batch}, figures from {@code Advisor.adviseWorkload} on each
     * sample's machine ({@link WatchResult#workload}); throughput in the domain's unit, the real-time factor for speech
     * and audio generation, memory by component (no KV cache series for models without a decoder).
     */
    private void registerWorkload(ResolvedWatch w, int position) {
        Tags tags = Tags.of("model", w.modelId(), "batch", w.batchLabel());
        ThroughputUnit unit = WorkloadRequirement.unitOf(w.workloadModel());
        boolean kv = WorkloadRequirement.shapeOf(w.workloadModel()).hasKvCache();
        watchGauge("headroom.workload.fits", null, "1 when the watched model of another domain fits in memory now (GPU or CPU), else 0",
                position, tags, r -> r.fits() ? 1 : 0);
        watchGauge("headroom.workload.fits.when.idle", null,
                "1 when the watched model of another domain fits on this machine when idle, else 0", position, tags,
                r -> r.fitsWhenIdle() ? 1 : 0);
        for (String p : WORKLOAD_PLACEMENTS) {
            watchGauge("headroom.workload.placement", null,
                    "1 for where the advisor runs the watched model now (gpu: FP16 on the largest GPU, cpu: FP32, none: no fit), 0 for the others",
                    position, tags.and("placement", p.equals("no fit") ? "none" : p.toLowerCase(java.util.Locale.ROOT)),
                    r -> r.workload().where().equals(p) ? 1 : 0);
        }
        watchGauge("headroom.workload.required", "bytes", "Memory the watched model needs where it would run now",
                position, tags, WatchResult::requiredBytes);
        watchGauge("headroom.workload.headroom", "bytes",
                "Memory left in the pool the watched model would use now; negative: the shortfall", position, tags, WatchResult::headroomBytes);
        for (String c : WORKLOAD_COMPONENTS) {
            if (c.equals(MemoryComponent.KV_CACHE) && !kv) {
                continue;
            }
            watchGauge("headroom.workload.memory", "bytes",
                    "Memory of the watched model by component (weights, activations, kvCache for decoders, runtimeOverhead)",
                    position, tags.and("component", c), r -> r.workload().estimate().memory().bytesOf(c));
        }
        watchGauge("headroom.workload.items.per.second", null,
                "Estimated throughput of the watched model at its batch, inputs per second in the domain's unit"
                        + " (images, inputs, audio_inputs, audio_clips, series, rows); 0 when it does not fit",
                position, tags.and("unit", unitLabel(unit)), WatchResult::itemsPerSecond);
        if (WorkloadRequirement.hasRealTimeFactor(unit)) {
            watchGauge("headroom.workload.real.time.factor", null,
                    "Processing seconds per second of audio for one stream (speech, audio generation); NaN when it does not fit",
                    position, tags, r -> r.fits() ? CapacityEvaluator.realTimeFactor(r.workload().estimate().throughput()) : Double.NaN);
        }
    }

    /** The {@code unit} label of {@code headroom_workload_items_per_second}: what one item is. */
    static String unitLabel(ThroughputUnit unit) {
        return switch (unit) {
            case IMAGES, GENERATED_IMAGES -> "images";
            case SEQUENCES -> "inputs";
            case AUDIO -> "audio_inputs";
            case GENERATED_AUDIO -> "audio_clips";
            case SERIES -> "series";
            case ROWS -> "rows";
        };
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
