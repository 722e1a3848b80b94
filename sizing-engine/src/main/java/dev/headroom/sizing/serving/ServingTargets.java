package dev.headroom.sizing.serving;

/**
 * Latency targets a configuration must meet. An absent target is {@code +Infinity} (latencies) or 0 (rate).
 *
 * @param ttftP95Seconds 95th percentile of time to first token, seconds
 * @param tpotP95Seconds 95th percentile of time per output token, seconds
 * @param minTokensPerSecondPerUser median streaming speed one user sees ({@link ServingResult#tokensPerSecondPerUser()}), tokens/s
 */
public record ServingTargets(double ttftP95Seconds, double tpotP95Seconds, double minTokensPerSecondPerUser) {
    public static final ServingTargets NONE = new ServingTargets(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0);
    /** A Poisson run is stable when it completes at least this share of the offered rate; above it the queue grows without end. */
    public static final double STABLE_SHARE = 0.9;

    public ServingTargets {
        if (!(ttftP95Seconds > 0) || !(tpotP95Seconds > 0)) {
            throw new IllegalArgumentException("targets: ttft and tpot must be positive seconds, were " + ttftP95Seconds + ", " + tpotP95Seconds);
        }
        if (!(minTokensPerSecondPerUser >= 0) || Double.isInfinite(minTokensPerSecondPerUser)) {
            throw new IllegalArgumentException("targets: tokens/s per user must be a finite number >= 0, was " + minTokensPerSecondPerUser);
        }
    }

    /** Whether any target is set. */
    public boolean any() {
        return !Double.isInfinite(ttftP95Seconds) || !Double.isInfinite(tpotP95Seconds) || minTokensPerSecondPerUser > 0;
    }

    /** Whether the run meets every target, refused no request, and (open loop) kept up with the offered rate. */
    public boolean metBy(ServingResult r, Workload w) {
        if (r.rejected() > 0 || r.truncated() > 0 || r.completed() == 0) {
            return false;
        }
        if (w.arrivals() instanceof Arrivals.Poisson p && r.requestsPerSecond() < STABLE_SHARE * p.requestsPerSecond()) {
            return false;
        }
        return r.ttft().p95() <= ttftP95Seconds && r.tpot().p95() <= tpotP95Seconds
                && r.tokensPerSecondPerUser() >= minTokensPerSecondPerUser;
    }

    /** How far the run is inside the targets: the smallest of target / achieved over the set targets, minus 1 (0.2 = 20 % to spare). */
    public double slack(ServingResult r) {
        double s = Double.POSITIVE_INFINITY;
        if (!Double.isInfinite(ttftP95Seconds) && r.ttft().p95() > 0) {
            s = Math.min(s, ttftP95Seconds / r.ttft().p95());
        }
        if (!Double.isInfinite(tpotP95Seconds) && r.tpot().p95() > 0) {
            s = Math.min(s, tpotP95Seconds / r.tpot().p95());
        }
        if (minTokensPerSecondPerUser > 0) {
            s = Math.min(s, r.tokensPerSecondPerUser() / minTokensPerSecondPerUser);
        }
        return s - 1;
    }
}
