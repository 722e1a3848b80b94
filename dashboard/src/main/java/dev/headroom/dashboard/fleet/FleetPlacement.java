package dev.headroom.dashboard.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which hosts can take a replica now, how many replicas the fleet holds, and where they go.
 *
 * <p>A replica's {@code tensorParallel} GPUs are distinct GPUs of one name inside one host. A GPU with
 * free memory {@code F} takes {@code floor(F / need)} replica shards (vLLM's 0.9 share: at most one). A
 * group of GPUs whose shard counts are {@code s_i} holds the largest {@code R} with
 * {@code sum(min(s_i, R)) >= R x tensorParallel}, and giving each replica the GPUs with the most shards
 * left reaches it. Replicas go to the hosts with the most room first, so a deployment uses few hosts.
 */
public final class FleetPlacement {
    private static final double GIB = 1L << 30;

    private FleetPlacement() {
    }

    /** One replica's place: a host and its GPU indices. */
    public record Replica(String instance, String hostName, List<Integer> gpus) {
        public Replica {
            gpus = List.copyOf(gpus);
        }
    }

    /**
     * How many replicas one host can take now.
     *
     * @param reason why none, when {@code replicas} is 0; "" otherwise
     */
    public record HostCapacity(String instance, String hostName, int replicas, String reason) {
    }

    /**
     * @param hosts every host with its capacity, in fleet order
     * @param placement where the replicas go (at most the number asked for)
     * @param capacity replicas the whole fleet can hold now
     */
    public record Result(List<HostCapacity> hosts, List<Replica> placement, int capacity) {
        public Result {
            hosts = List.copyOf(hosts);
            placement = List.copyOf(placement);
        }

        /** The hosts that can take at least one replica now. */
        public List<HostCapacity> hostsThatCanTakeOne() {
            return hosts.stream().filter(h -> h.replicas() > 0).toList();
        }

        /** Hosts the placement uses. */
        public long hostsUsed() {
            return placement.stream().map(Replica::instance).distinct().count();
        }
    }

    /**
     * @param wanted replicas to place; 0 places as many as fit
     */
    public static Result place(Fleet fleet, ReplicaShape shape, int wanted) {
        if (wanted < 0) {
            throw new IllegalArgumentException("replicas: must not be negative, was " + wanted);
        }
        List<HostCapacity> capacities = new ArrayList<>();
        List<HostPlan> plans = new ArrayList<>();
        int total = 0;
        for (FleetHost host : fleet.hosts()) {
            HostPlan plan = HostPlan.of(host, shape);
            capacities.add(new HostCapacity(host.instance(), host.hostName(), plan.capacity, plan.capacity > 0 ? "" : plan.reason));
            plans.add(plan);
            total = (int) Math.min(Integer.MAX_VALUE, (long) total + plan.capacity);
        }
        int target = wanted == 0 ? total : Math.min(wanted, total);
        plans.sort(Comparator.comparingInt((HostPlan p) -> -p.capacity));
        List<Replica> placement = new ArrayList<>();
        for (HostPlan plan : plans) {
            while (placement.size() < target && plan.placed < plan.capacity) {
                placement.add(plan.next(shape.tensorParallel()));
            }
        }
        return new Result(capacities, placement, total);
    }

    /** One host's GPU groups (by name) and the shards each GPU has left. */
    private static final class HostPlan {
        final FleetHost host;
        final Map<String, List<int[]>> groups = new LinkedHashMap<>(); // name -> [index, shards left]
        int capacity;
        int placed;
        String reason = "";

        HostPlan(FleetHost host) {
            this.host = host;
        }

        static HostPlan of(FleetHost host, ReplicaShape shape) {
            HostPlan p = new HostPlan(host);
            int tp = shape.tensorParallel();
            if (host.gpus().isEmpty()) {
                p.reason = "no GPUs";
                return p;
            }
            long largestFree = 0;
            long need = 0;
            int accepted = 0;
            for (FleetGpu g : host.gpus()) {
                if (!shape.accepts(g)) {
                    continue;
                }
                accepted++;
                need = Math.max(need, shape.needOn(g));
                largestFree = Math.max(largestFree, g.freeBytes());
                long n = shape.needOn(g);
                int shards = n <= 0 ? 0 : (int) Math.min(1024, g.freeBytes() / n);
                if (shards > 0) {
                    p.groups.computeIfAbsent(g.name(), k -> new ArrayList<>()).add(new int[] {g.index(), shards});
                }
            }
            if (accepted == 0) {
                p.reason = "no GPU named like '" + shape.gpuNameContains() + "' (has "
                        + String.join(", ", host.gpus().stream().map(FleetGpu::name).distinct().toList()) + ")";
                return p;
            }
            for (Map.Entry<String, List<int[]>> e : p.groups.entrySet()) {
                p.capacity += groupCapacity(e.getValue(), tp);
            }
            if (p.capacity == 0) {
                int enough = p.groups.values().stream().mapToInt(List::size).sum();
                p.reason = String.format(Locale.ROOT, "needs %d GPU%s with %.1f GiB free; %d of %d qualify (most free: %.1f GiB)",
                        tp, tp == 1 ? "" : "s of one kind", need / GIB, enough, accepted, largestFree / GIB);
            }
            return p;
        }

        /** Largest R with sum(min(shards_i, R)) >= R x tp. */
        static int groupCapacity(List<int[]> gpus, int tp) {
            long sum = 0;
            for (int[] g : gpus) {
                sum += g[1];
            }
            int r = (int) (sum / tp);
            while (r > 0) {
                long usable = 0;
                for (int[] g : gpus) {
                    usable += Math.min(g[1], r);
                }
                if (usable >= (long) r * tp) {
                    break;
                }
                r--;
            }
            return r;
        }

        Replica next(int tp) {
            for (Map.Entry<String, List<int[]>> e : groups.entrySet()) {
                int left = groupCapacity(e.getValue(), tp);
                if (left == 0) {
                    continue;
                }
                List<int[]> byShards = new ArrayList<>(e.getValue());
                byShards.sort(Comparator.comparingInt((int[] g) -> -g[1]).thenComparingInt(g -> g[0]));
                List<Integer> chosen = new ArrayList<>();
                for (int i = 0; i < tp; i++) {
                    byShards.get(i)[1]--;
                    chosen.add(byShards.get(i)[0]);
                }
                chosen.sort(Integer::compare);
                placed++;
                return new Replica(host.instance(), host.hostName(), chosen);
            }
            throw new IllegalStateException("placement: host " + host.instance() + " has no room left");
        }
    }
}
