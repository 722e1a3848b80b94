package dev.headroom.sizing.serving;

/**
 * The highest load a server carries within targets, by bisection over the simulation: arrival rate for
 * a Poisson workload (to 0.5 % of the answer), whole users for a closed loop. Because the simulator draws
 * the same time-scaled requests at every rate, the targets' verdict is monotone in practice.
 */
public final class CapacitySearch {
    /** Relative precision of the rate bisection. */
    static final double RATE_PRECISION = 0.005;
    private static final int MAX_DOUBLINGS = 40;

    private CapacitySearch() {
    }

    /**
     * @param workload lengths, seed and the kind of arrivals (its rate or user count is only the starting point)
     * @throws IllegalArgumentException when no target is set (without one, every load "meets" them)
     */
    public static ServingCapacity search(ServerConfig server, StepTimeModel steps, Workload workload, ServingTargets targets) {
        if (targets == null || !targets.any()) {
            throw new IllegalArgumentException("targets: give at least one of ttft p95, tpot p95 or tokens/s per user");
        }
        int kv = kvLimitedConcurrency(server, workload);
        int latency = latencyLimitedConcurrency(server, steps, workload, targets.tpotP95Seconds());
        Search s = new Search(server, steps, workload, targets);
        double load = workload.arrivals() instanceof Arrivals.Poisson ? s.maxRate(kv) : s.maxUsers();
        ServingResult at = load > 0 ? s.simulate(load) : null;
        return new ServingCapacity(kv, latency, load, at, s.runs);
    }

    /** Sequences of mean prompt + output length the pool holds at once, at most {@code maxRunning}. */
    public static int kvLimitedConcurrency(ServerConfig server, Workload w) {
        if (server.pool() instanceof KvPool.Paged p) {
            long perSequence = (long) Math.ceil((w.prompt().mean() + w.output().mean()) / p.blockTokens());
            return (int) Math.min(server.maxRunning(), p.blocks() / Math.max(1, perSequence));
        }
        return server.maxRunning();
    }

    /** Largest batch (up to the KV limit) whose decode step at the mean context is within {@code tpotSeconds}. */
    public static int latencyLimitedConcurrency(ServerConfig server, StepTimeModel steps, Workload w, double tpotSeconds) {
        int limit = Math.max(1, kvLimitedConcurrency(server, w));
        if (Double.isInfinite(tpotSeconds)) {
            return limit;
        }
        long context = Math.round(w.prompt().mean() + w.output().mean() / 2);
        if (steps.decodeStepSeconds(1, context) > tpotSeconds) {
            return 0;
        }
        int lo = 1;
        int hi = limit;
        while (lo < hi) {
            int mid = (int) (((long) lo + hi + 1) / 2);
            if (steps.decodeStepSeconds(mid, context) <= tpotSeconds) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static final class Search {
        final ServerConfig server;
        final StepTimeModel steps;
        final Workload workload;
        final ServingTargets targets;
        int runs;

        Search(ServerConfig server, StepTimeModel steps, Workload workload, ServingTargets targets) {
            this.server = server;
            this.steps = steps;
            this.workload = workload;
            this.targets = targets;
        }

        ServingResult simulate(double load) {
            runs++;
            return ServingSimulator.run(server, steps, at(load));
        }

        Workload at(double load) {
            if (workload.arrivals() instanceof Arrivals.Poisson) {
                return workload.withArrivals(new Arrivals.Poisson(load));
            }
            double think = ((Arrivals.ClosedLoop) workload.arrivals()).thinkSeconds();
            return workload.withArrivals(new Arrivals.ClosedLoop((int) load, think));
        }

        boolean meets(double load) {
            return targets.metBy(simulate(load), at(load));
        }

        double maxRate(int kvConcurrency) {
            // Start from the decode-bound ceiling: a full batch's tokens per second over the mean output.
            long context = Math.round(workload.prompt().mean() + workload.output().mean() / 2);
            int batch = Math.max(1, kvConcurrency);
            double guess = batch / steps.decodeStepSeconds(batch, context) / workload.output().mean();
            double lo = 0;
            double hi = Math.min(Arrivals.MAX_LOAD, guess);
            for (int i = 0; i < MAX_DOUBLINGS && meets(hi); i++) {
                lo = hi;
                if (hi >= Arrivals.MAX_LOAD) {
                    return hi;
                }
                hi = Math.min(Arrivals.MAX_LOAD, hi * 2);
            }
            if (lo == 0) {
                // The ceiling fails: halve until some rate passes, then bisect above it.
                boolean found = false;
                double r = hi / 2;
                for (int i = 0; i < MAX_DOUBLINGS; i++) {
                    if (meets(r)) {
                        found = true;
                        break;
                    }
                    hi = r;
                    r /= 2;
                }
                if (!found) {
                    return 0;
                }
                lo = r;
            }
            while (hi - lo > RATE_PRECISION * lo) {
                double mid = (lo + hi) / 2;
                if (meets(mid)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        double maxUsers() {
            if (!meets(1)) {
                return 0;
            }
            long lo = 1;
            long hi = 2;
            while (hi <= Arrivals.MAX_LOAD && meets(hi)) {
                lo = hi;
                hi *= 2;
            }
            hi = Math.min(hi, (long) Arrivals.MAX_LOAD + 1);
            while (hi - lo > 1) {
                long mid = (lo + hi) / 2;
                if (meets(mid)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
