package dev.headroom.sizing.serving;

import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.KvCacheFormat;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Plans a vLLM deployment: for every GPU kind x precision x tensor-parallel degree, sizes one replica's
 * KV pool as vLLM would with its defaults for that GPU ({@link ServerConfig#vllmDefaults}), finds the most load it carries within the targets
 * ({@link CapacitySearch}) with step times from the speed model, and from that the replicas, GPUs and
 * hosts for the whole demand and the percentiles each replica then achieves.
 *
 * <p>Order: feasible first; then cheapest per hour when every device has a price, else fewest GPUs;
 * then the precision listed first; then the smaller tensor-parallel degree.
 */
public final class ServingPlanner {
    private ServingPlanner() {
    }

    public static List<PlanCandidate> plan(PlanRequest r) {
        record Choice(GpuOption gpu, Precision precision, int tp) {
        }
        List<Choice> choices = new ArrayList<>();
        for (GpuOption gpu : r.hardware()) {
            for (Precision p : r.precisions()) {
                for (int tp : gpu.tensorParallelDegrees()) {
                    choices.add(new Choice(gpu, p, tp));
                }
            }
        }
        // Candidates are independent (each has its own step-time model): search them on all cores.
        List<PlanCandidate> out = new ArrayList<>(choices.parallelStream().map(c -> candidate(r, c.gpu(), c.precision(), c.tp())).toList());
        boolean priced = r.hardware().stream().allMatch(GpuOption::priced);
        Comparator<PlanCandidate> order = Comparator.comparing((PlanCandidate c) -> !c.feasible());
        order = priced ? order.thenComparingDouble(c -> c.feasible() ? c.costPerHour() : 0)
                : order.thenComparingInt(PlanCandidate::gpus);
        order = order.thenComparingInt(c -> r.precisions().indexOf(c.precision())).thenComparingInt(PlanCandidate::tensorParallel);
        out.sort(order);
        return out;
    }

    /** One configuration, sized and searched. */
    public static PlanCandidate candidate(PlanRequest r, GpuOption gpu, Precision precision, int tp) {
        String device = gpu.name();
        long maxLen = r.effectiveMaxModelLen();
        MemoryRequest memory;
        try {
            memory = new MemoryRequest(r.model(), precision, maxLen, 1, KvCacheFormat.F16, RuntimeProfile.VLLM, tp);
        } catch (IllegalArgumentException e) {
            return PlanCandidate.infeasible(device, precision, tp, e.getMessage(), 0, 0, 0);
        }
        if (tp > gpu.gpusPerHost()) {
            return PlanCandidate.infeasible(device, precision, tp, "tensor parallel " + tp + " needs " + tp + " GPUs in one host; hosts have "
                    + gpu.gpusPerHost(), 0, 0, 0);
        }
        ServerConfig server = ServerConfig.vllmDefaults(memory, gpu.memoryBytesPerGpu(), gpu.name(), maxLen);
        long blocks = ((KvPool.Paged) server.pool()).blocks();
        if (!server.holdsOneSequence()) {
            return PlanCandidate.infeasible(device, precision, tp, String.format(Locale.ROOT,
                    "does not start: %d KV blocks hold %d tokens, fewer than max model length %d", blocks, server.pool().capacityTokens(), maxLen),
                    blocks, 0, 0);
        }
        StepTimeModel steps = new SpeedModelStepTime(
                new DeploymentRequest(r.model(), precision, maxLen, 1, GgmlType.F16, RuntimeProfile.VLLM), gpu.ceilings(), tp);
        ServingCapacity cap = CapacitySearch.search(server, steps, r.workload(), r.targets());
        if (cap.maxLoad() <= 0) {
            return PlanCandidate.infeasible(device, precision, tp, "misses the targets even at the lightest load", blocks,
                    cap.kvLimitedConcurrency(), cap.latencyLimitedConcurrency());
        }
        double demand = demand(r.workload());
        int replicas = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (long) Math.ceil(demand / cap.maxLoad() - 1e-9)));
        Workload share = share(r.workload(), demand, replicas);
        ServingResult achieved = ServingSimulator.run(server, steps, share);
        int perHost = gpu.gpusPerHost() / tp;
        int hosts = (replicas + perHost - 1) / perHost;
        int gpus = replicas * tp;
        double cost = gpu.priced() ? gpus * gpu.pricePerGpuHour() : Double.NaN;
        return new PlanCandidate(device, precision, tp, true, "", replicas, gpus, hosts, blocks, cap.kvLimitedConcurrency(),
                cap.latencyLimitedConcurrency(), cap.maxLoad(), achieved, replicas * cap.maxLoad() / demand - 1, cost);
    }

    /** Users or requests/s of the whole workload. */
    static double demand(Workload w) {
        return w.arrivals() instanceof Arrivals.ClosedLoop c ? c.users() : ((Arrivals.Poisson) w.arrivals()).requestsPerSecond();
    }

    /** One replica's even share of the demand (users rounded up). */
    static Workload share(Workload w, double demand, int replicas) {
        if (w.arrivals() instanceof Arrivals.ClosedLoop c) {
            return w.withArrivals(new Arrivals.ClosedLoop((int) Math.ceil(demand / replicas), c.thinkSeconds()));
        }
        return w.withArrivals(new Arrivals.Poisson(demand / replicas));
    }
}
