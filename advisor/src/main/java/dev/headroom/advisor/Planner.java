package dev.headroom.advisor;

import dev.headroom.catalog.AcceleratorSpec;
import dev.headroom.catalog.CatalogModel;
import dev.headroom.catalog.DeviceMatch;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.serving.GpuOption;
import dev.headroom.sizing.serving.PlanCandidate;
import dev.headroom.sizing.serving.PlanRequest;
import dev.headroom.sizing.serving.ServingPlanner;
import dev.headroom.sizing.serving.ServingTargets;
import dev.headroom.sizing.serving.Workload;
import dev.headroom.sizing.speed.DeviceClass;
import dev.headroom.sizing.speed.MemoryTechnology;
import dev.headroom.sizing.speed.SpeedCeilings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Serving capacity plans ({@code headroom plan}, {@code /api/plan}): the engine's serving planner over
 * candidate GPUs that are built the way every other surface builds them: named devices through the
 * accelerator catalog's lookup, saved or probed machines through {@link Machines}; GPU ceilings from the
 * same datasheet factory and class constants as {@link Machines#of}.
 */
public final class Planner {
    /** Precisions vLLM serves, preferred first: BF16, FP8 (E4M3 weights), AWQ INT4. */
    public static final List<Precision> PRECISIONS = List.of(Precision.BF16, Precision.FP8_E4M3, Precision.AWQ_INT4);
    /** GPUs per host when the user gives none: an 8-GPU server (DGX/HGX). */
    public static final int DEFAULT_GPUS_PER_HOST = 8;

    private final Machines machines;

    public Planner(Machines machines) {
        this.machines = machines;
    }

    /** A candidate GPU kind named as people type it ({@code "H100 SXM"}). @throws IllegalArgumentException for unknown or ambiguous names */
    public GpuOption named(String device, List<Integer> gpus, int gpusPerHost, double pricePerGpuHour) {
        DeviceMatch m = machines.accelerators().resolve(device);
        AcceleratorSpec s = m.spec();
        return new GpuOption(s.name(), m.memoryBytesPerDevice(), ceilings(s, 0), gpus, Math.max(gpusPerHost, m.count()), pricePerGpuHour);
    }

    /**
     * The GPUs of a machine (this one, or a saved profile) as a candidate: its largest GPU's free memory and the
     * machine's own GPU ceilings; tensor-parallel degrees up to the GPUs it has.
     *
     * @throws IllegalArgumentException when the machine has no GPU whose speed is known
     */
    public GpuOption of(Machine machine, double pricePerGpuHour) {
        GpuInfo largest = machine.hardware().gpus().stream().max(Comparator.comparingLong(GpuInfo::usableBytes)).orElse(null);
        if (largest == null || machine.gpu() == null) {
            throw new IllegalArgumentException("plan: " + machine.origin() + " has no GPU with known speeds; name one with --device (e.g. --device \"H100 SXM\")");
        }
        int n = machine.hardware().discreteGpus().isEmpty() ? 1 : machine.hardware().discreteGpus().size();
        List<Integer> degrees = new ArrayList<>();
        for (int tp = 1; tp <= n; tp *= 2) {
            degrees.add(tp);
        }
        return new GpuOption(largest.name(), largest.usableBytes(), machine.gpu(), degrees, n, pricePerGpuHour);
    }

    /** Every candidate (precision x tensor-parallel degree x device), feasible first; cheapest first when priced. */
    public List<PlanCandidate> plan(CatalogModel model, Workload workload, ServingTargets targets, List<GpuOption> hardware,
                                    List<Precision> precisions) {
        if (!model.hasArchitecture() || !model.hostable()) {
            throw new IllegalArgumentException("model: '" + model.id() + "' has no transformer architecture to serve");
        }
        return ServingPlanner.plan(new PlanRequest(model.architecture(), precisions == null || precisions.isEmpty() ? PRECISIONS : precisions,
                workload, targets, hardware, 0));
    }

    /** A GPU's ceilings from its datasheet (BF16 dense rate where published, as vLLM serves BF16) and its class's constants. */
    static SpeedCeilings ceilings(AcceleratorSpec s, double probedBandwidth) {
        double bandwidth = probedBandwidth > 0 ? probedBandwidth : s.bandwidthBytesPerSecond();
        double flops = s.bf16FlopsPerSecond() > 0 ? s.bf16FlopsPerSecond() : s.fp16FlopsPerSecond();
        return SpeedCeilings.forDatasheet(DeviceClass.ofVendor(s.vendor()), s.name(), bandwidth, flops, MemoryTechnology.parse(s.memoryType()));
    }
}
