package dev.headroom.dashboard.live;

import dev.headroom.probe.live.HostSample;
import dev.headroom.probe.live.GpuSample;
import dev.headroom.probe.live.ModelServers;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.FitPolicy;
import dev.headroom.advisor.FitQuery;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.advisor.WorkloadAdvice;
import dev.headroom.catalog.CatalogWorkload;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.memory.DeploymentRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's view of the advisor: the start-up machine (with its calibration) with the memory of each
 * live sample, and the advisor's answers for it. It computes nothing itself: fit tables are
 * {@link Advisor#table}, watch items and what-ifs {@link Advisor#estimate}, machines {@link Machines#of}.
 */
public final class LiveAdvisor {
    /** The context the table sizes every model for (capped at the model's maximum), as {@code headroom fit} does. */
    public static final long TABLE_CONTEXT_TOKENS = Advisor.DEFAULT_CONTEXT;

    private final Machine startup;
    private final Machines machines;
    private final Advisor advisor;
    private final FitQuery tableQuery;

    /**
     * @param startup the machine as probed at start-up, with the calibration that applies to it
     * @param machines enrichment (the same as every CLI command's)
     * @param advisor the catalog's advisor
     */
    public LiveAdvisor(Machine startup, Machines machines, Advisor advisor) {
        this.startup = startup;
        this.machines = machines;
        this.advisor = advisor;
        this.tableQuery = new FitQuery(TABLE_CONTEXT_TOKENS, FitPolicy.DEFAULT, FitQuery.Sort.CATALOG, false, null, null, 0);
    }

    /** A live advisor for fixed facts (no calibration), enriched with the bundled accelerator catalog; for tests and embedding. */
    public static LiveAdvisor of(HardwareProfile startup, ModelCatalog catalog, dev.headroom.catalog.AcceleratorCatalog accelerators) {
        Machines machines = new Machines(accelerators, () -> startup, () -> null);
        return new LiveAdvisor(machines.of(startup, null, "probed"), machines, new Advisor(catalog));
    }

    public HardwareProfile startupProfile() {
        return startup.hardware();
    }

    public Machine startupMachine() {
        return startup;
    }

    public Machines machines() {
        return machines;
    }

    public Advisor advisor() {
        return advisor;
    }

    public ModelCatalog catalog() {
        return advisor.models();
    }

    /** The machine as it is in {@code sample}: start-up CPU facts with the sample's memory and GPUs. */
    public HardwareProfile profileAt(HostSample sample) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (GpuSample g : sample.gpus()) {
            GpuInfo s = startup.hardware().gpus().stream().filter(x -> x.index() == g.index()).findFirst().orElse(null);
            boolean unified = s != null && s.unifiedMemory();
            gpus.add(new GpuInfo(g.index(), g.vendor(), g.name(), g.memoryTotalBytes(),
                    g.hasUsed() ? g.memoryFreeBytes() : GpuInfo.UNKNOWN, unified, "sampler",
                    s == null ? "" : s.computeCapability(), s == null ? 0 : s.multiprocessors(),
                    s == null ? 0 : s.bandwidthBytesPerSecond(), s == null ? "" : s.pciId(),
                    s == null ? null : s.confidence(), s == null ? "" : s.note()));
        }
        HardwareProfile hw = startup.hardware();
        return new HardwareProfile(hw.hostName(), hw.os(), hw.cpu(), sample.memory(), gpus, hw.warnings(), hw.disks(), hw.readings());
    }

    /**
     * This machine when idle, the capacity a watched deployment is judged against: the start-up CPU facts;
     * every GPU in {@code sample} with all of its memory free (free = total: a GPU that disappeared is not
     * there); host RAM with the memory held by model servers given back: available = MemAvailable + the
     * servers' unreclaimable memory ({@code RssAnon + RssShmem}), at most the total; under a container
     * limit, the limit's usage less the same bytes (the servers are taken to run under that limit, as
     * they must when {@code /proc} shows them to this process). So "idle" is the machine with no model
     * server loaded and every other process as it is now: total less what processes that are not model
     * servers use.
     */
    public HardwareProfile idleProfileAt(HostSample sample) {
        HardwareProfile now = profileAt(sample);
        List<GpuInfo> gpus = now.gpus().stream().map(g -> new GpuInfo(g.index(), g.vendor(), g.name(), g.memoryTotalBytes(),
                g.memoryTotalBytes(), g.unifiedMemory(), g.source(), g.computeCapability(), g.multiprocessors(),
                g.bandwidthBytesPerSecond(), g.pciId(), g.confidence(), g.note())).toList();
        MemoryInfo m = sample.memory();
        long servers = sample.servers().residentBytes();
        MemoryInfo idle = new MemoryInfo(m.totalBytes(), Math.min(m.totalBytes(), m.availableBytes() + servers), m.limitBytes(),
                m.hasLimit() ? Math.max(0, m.limitUsedBytes() - servers) : m.limitUsedBytes(), m.swapTotalBytes(), m.swapFreeBytes(),
                m.bandwidthBytesPerSecond(), m.modules());
        return new HardwareProfile(now.hostName(), now.os(), now.cpu(), idle, gpus, now.warnings(), now.disks(), now.readings());
    }

    /** {@link #idleProfileAt} enriched as every surface enriches a machine. */
    public Machine idleMachineAt(HostSample sample) {
        return machines.of(idleProfileAt(sample), startup.calibration(), startup.origin());
    }

    /** The machine as it is in {@code sample}, enriched as every surface enriches it. */
    public Machine machineAt(HostSample sample) {
        return machines.of(profileAt(sample), startup.calibration(), startup.origin());
    }

    /** Every hostable catalog model with an architecture, at the fit policy's pick for the memory free now. */
    public FitTable fitTable(Machine machine, long epochMillis) {
        dev.headroom.advisor.FitTable t = advisor.table(machine, tableQuery);
        List<FitRow> rows = t.rows().stream().map(r -> new FitRow(r.model(), r.advice())).toList();
        HardwareProfile hw = machine.hardware();
        return new FitTable(epochMillis, TABLE_CONTEXT_TOKENS, hw.memory().effectiveAvailableBytes(),
                hw.gpus().stream().map(GpuInfo::usableBytes).toList(), rows);
    }

    /** The watch list sized on one machine only (now = idle), with no model servers; for fixed facts. */
    public List<WatchResult> watch(Machine machine, List<ResolvedWatch> watch) {
        return watch(machine, machine, ModelServers.NONE, watch);
    }

    /**
     * Each watched deployment sized by {@link Advisor#estimate} on the machine now and on the machine when
     * idle, and checked against the running model servers ({@link ServingDetector}, with the weights as sized
     * on the idle machine). A model of another domain is advised by {@link Advisor#adviseWorkload} on the same two
     * machines (GPU at FP16 when it fits there, else CPU at FP32); model-server detection applies to LLMs only.
     */
    public List<WatchResult> watch(Machine now, Machine idle, ModelServers servers, List<ResolvedWatch> watch) {
        List<WatchResult> out = new ArrayList<>(watch.size());
        for (ResolvedWatch w : watch) {
            if (w.isWorkload()) {
                WorkloadAdvice atIdle = advisor.adviseWorkload(idle, w.workloadModel(), w.workload(), CatalogWorkload.DEFAULT_TRAINING_ROWS);
                WorkloadAdvice atNow = idle == now ? atIdle
                        : advisor.adviseWorkload(now, w.workloadModel(), w.workload(), CatalogWorkload.DEFAULT_TRAINING_ROWS);
                out.add(WatchResult.workload(w, atNow, atIdle));
                continue;
            }
            DeploymentRequest r = DeploymentRequest.of(w.model().architecture(), w.item().precision(), w.item().contextTokens());
            Estimate atIdle = advisor.estimate(idle, r);
            Estimate atNow = idle == now ? atIdle : advisor.estimate(now, r);
            Serving serving = serving().detect(w, atIdle.memory().weightsBytes(), servers).orElse(null);
            out.add(new WatchResult(w, atNow, atIdle, serving));
        }
        return out;
    }

    /**
     * A machine described by accelerator names in this host, as {@code --device} builds it for the CLI; the
     * last few are kept, since the page asks the same names again.
     *
     * @throws IllegalArgumentException (one line) for unknown or ambiguous names
     */
    public Machine described(String device) {
        synchronized (described) {
            Machine m = described.get(device);
            if (m == null) {
                m = machines.described(device, null, null, startup.calibration() != null);
                described.put(device, m);
            }
            return m;
        }
    }

    private final java.util.Map<String, Machine> described = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Machine> eldest) {
            return size() > 32;
        }
    };

    private volatile ServingDetector serving;

    private ServingDetector serving() {
        ServingDetector d = serving;
        if (d == null) {
            d = new ServingDetector(advisor.models());
            serving = d;
        }
        return d;
    }

    /** A what-if on the machine as it is now ({@code /api/estimate}). */
    public Estimate estimate(Machine machine, DeploymentRequest request) {
        return advisor.estimate(machine, request);
    }
}
