package dev.headroom.dashboard.live;

import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.AcceleratorSpec;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.Estimator;
import dev.headroom.sizing.hardware.DeviceCeilings;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.speed.DefaultCeilings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Composes the start-up hardware profile, a live sample, the catalogs and the engine: the same
 * composition as the cli's {@code Machine.estimatorFor}, with the memory numbers of the sample.
 */
public final class FitCalculator {
    /** The ladder of the "what fits now" table, best quality first. */
    public static final List<Precision> LADDER = Precision.DEFAULT_LADDER;
    /** The context the table sizes every model for (capped at the model's maximum), as {@code headroom fit} does. */
    public static final long TABLE_CONTEXT_TOKENS = 4096;

    private final HardwareProfile startup;
    private final ModelCatalog catalog;
    private final AcceleratorCatalog accelerators;

    public FitCalculator(HardwareProfile startup, ModelCatalog catalog, AcceleratorCatalog accelerators) {
        this.startup = startup;
        this.catalog = catalog;
        this.accelerators = accelerators;
    }

    public HardwareProfile startupProfile() {
        return startup;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** The machine as it is in {@code sample}: start-up CPU facts with the sample's memory and GPUs. */
    public HardwareProfile profileAt(HostSample sample) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (GpuSample g : sample.gpus()) {
            boolean unified = startup.gpus().stream().anyMatch(s -> s.index() == g.index() && s.unifiedMemory());
            gpus.add(new GpuInfo(g.index(), g.vendor(), g.name(), g.memoryTotalBytes(),
                    g.hasUsed() ? g.memoryFreeBytes() : GpuInfo.UNKNOWN, unified, "sampler"));
        }
        return new HardwareProfile(startup.hostName(), startup.os(), startup.cpu(), sample.memory(), gpus,
                startup.warnings());
    }

    /** The engine for the machine as it is in {@code sample}. */
    public Estimator estimatorAt(HostSample sample) {
        HardwareProfile hw = profileAt(sample);
        DeviceCeilings cpu = DefaultCeilings.forCpu(hw.cpu());
        DeviceCeilings gpu = null;
        GpuInfo largest = hw.gpus().stream().max(Comparator.comparingLong(GpuInfo::memoryTotalBytes)).orElse(null);
        if (largest != null) {
            AcceleratorSpec spec = accelerators.match(largest.name());
            if (spec != null) {
                gpu = DefaultCeilings.forGpuDatasheet(spec.name(), spec.bandwidthBytesPerSecond(), spec.fp16FlopsPerSecond());
            }
        }
        return new Estimator(hw, cpu, gpu);
    }

    /** Every hostable catalog model with an architecture at the best precision that fits now. */
    public FitTable fitTable(Estimator estimator, long epochMillis) {
        List<FitRow> rows = new ArrayList<>();
        for (CatalogModel m : catalog.all()) {
            if (!m.hasArchitecture() || !m.hostable()) {
                continue;
            }
            long context = Math.min(TABLE_CONTEXT_TOKENS, m.architecture().maxContext());
            Estimate e = estimator.bestFit(DeploymentRequest.of(m.architecture(), LADDER.get(0), context), LADDER);
            rows.add(new FitRow(m, e));
        }
        HardwareProfile hw = estimator.hardware();
        return new FitTable(epochMillis, TABLE_CONTEXT_TOKENS, hw.memory().effectiveAvailableBytes(),
                hw.gpus().stream().map(GpuInfo::usableBytes).toList(), rows);
    }

    public List<WatchResult> watch(Estimator estimator, List<ResolvedWatch> watch) {
        List<WatchResult> out = new ArrayList<>(watch.size());
        for (ResolvedWatch w : watch) {
            DeploymentRequest r = DeploymentRequest.of(w.model().architecture(), w.item().precision(), w.item().contextTokens());
            out.add(new WatchResult(w, estimator.estimate(r)));
        }
        return out;
    }
}
