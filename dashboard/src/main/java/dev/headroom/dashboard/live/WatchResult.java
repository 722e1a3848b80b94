package dev.headroom.dashboard.live;

import dev.headroom.sizing.Estimate;

/**
 * A watched deployment sized twice by the advisor: against the memory free at one instant ("fits now") and
 * against this machine when idle ("capacity": {@link LiveAdvisor#idleProfileAt}), with the model server
 * serving it, if any.
 *
 * @param estimate the advisor's estimate on the machine as it is now
 * @param idle the advisor's estimate on the machine when idle
 * @param serving the server serving it, or null
 */
public record WatchResult(ResolvedWatch watch, Estimate estimate, Estimate idle, Serving serving) {
    public WatchResult {
        if (watch == null || estimate == null || idle == null) {
            throw new IllegalArgumentException("watch, estimate and idle are required");
        }
    }

    /** Sized on one machine only (now = idle), not served. */
    public WatchResult(ResolvedWatch watch, Estimate estimate) {
        this(watch, estimate, estimate, null);
    }

    public boolean fits() {
        return estimate.placement().fits();
    }

    /** Whether it fits on this machine when idle: the capacity is there. */
    public boolean fitsWhenIdle() {
        return idle.placement().fits();
    }

    public boolean isServing() {
        return serving != null;
    }

    public ModelState state() {
        if (serving != null) {
            return ModelState.SERVING;
        }
        if (fits()) {
            return ModelState.FITS_NOW;
        }
        return fitsWhenIdle() ? ModelState.FITS_WHEN_IDLE : ModelState.DOES_NOT_FIT;
    }

    /** Bytes left in the memory pool it would use; negative: the shortfall. */
    public long headroomBytes() {
        return estimate.placement().headroomBytes();
    }

    /** The same when the machine is idle. */
    public long idleHeadroomBytes() {
        return idle.placement().headroomBytes();
    }

    /** Estimated decode tokens/s for one sequence; 0 when it does not fit. */
    public double decodeTokensPerSecond() {
        return fits() ? estimate.speed().decodeTokensPerSecond() : 0;
    }
}
