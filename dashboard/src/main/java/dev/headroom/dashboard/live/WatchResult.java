package dev.headroom.dashboard.live;

import dev.headroom.advisor.WorkloadAdvice;
import dev.headroom.sizing.Estimate;

/**
 * A watched deployment sized twice by the advisor: against the memory free at one instant ("fits now") and
 * against this machine when idle ("capacity": {@link LiveAdvisor#idleProfileAt}), with the model server
 * serving it, if any.
 *
 * @param estimate the advisor's estimate on the machine as it is now
 * @param idle the advisor's estimate on the machine when idle
 * @param serving the server serving it, or null
 * @param workload for a model of another domain ({@link ResolvedWatch#isWorkload}): the advisor's
 *     {@code adviseWorkload} on the machine now (then {@code estimate} and {@code idle} are null), else null
 * @param idleWorkload the same on the machine when idle
 */
public record WatchResult(ResolvedWatch watch, Estimate estimate, Estimate idle, Serving serving, WorkloadAdvice workload,
                          WorkloadAdvice idleWorkload) {
    public WatchResult {
        if (watch == null || (watch.isWorkload() ? workload == null || idleWorkload == null : estimate == null || idle == null)) {
            throw new IllegalArgumentException("watch with its estimates now and idle (LLM) or its workload advice (other domains) are required");
        }
    }

    /** An LLM watch item sized now and idle. */
    public WatchResult(ResolvedWatch watch, Estimate estimate, Estimate idle, Serving serving) {
        this(watch, estimate, idle, serving, null, null);
    }

    /** A watch item of another domain, advised now and idle. */
    public static WatchResult workload(ResolvedWatch watch, WorkloadAdvice now, WorkloadAdvice idle) {
        return new WatchResult(watch, null, null, null, now, idle);
    }

    public boolean isWorkload() {
        return workload != null;
    }

    /** Memory it needs where it would run now (weights, KV cache or activations, buffers). */
    public long requiredBytes() {
        return workload != null ? workload.neededBytes() : estimate.placement().neededBytes();
    }

    /** Inputs per second in the domain's unit now ({@code Throughput.itemsPerSecond}); 0 when it does not fit or for LLMs. */
    public double itemsPerSecond() {
        return workload != null && workload.fits() ? workload.estimate().throughput().itemsPerSecond() : 0;
    }

    /** Sized on one machine only (now = idle), not served. */
    public WatchResult(ResolvedWatch watch, Estimate estimate) {
        this(watch, estimate, estimate, null);
    }

    public boolean fits() {
        return workload != null ? workload.fits() : estimate.placement().fits();
    }

    /** Whether it fits on this machine when idle: the capacity is there. */
    public boolean fitsWhenIdle() {
        return idleWorkload != null ? idleWorkload.fits() : idle.placement().fits();
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
        return workload != null ? workload.headroomBytes() : estimate.placement().headroomBytes();
    }

    /** The same when the machine is idle. */
    public long idleHeadroomBytes() {
        return idleWorkload != null ? idleWorkload.headroomBytes() : idle.placement().headroomBytes();
    }

    /** Estimated decode tokens/s for one sequence; 0 when it does not fit, and for models of other domains. */
    public double decodeTokensPerSecond() {
        return workload == null && fits() ? estimate.speed().decodeTokensPerSecond() : 0;
    }
}
