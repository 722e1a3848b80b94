package dev.headroom.advisor.check;

import dev.headroom.advisor.WorkloadAdvice;
import dev.headroom.sizing.memory.MemoryBreakdown;
import java.util.List;

/**
 * The verdict on one requirement, with the numbers behind it. Memory in bytes, speeds in tokens/s.
 *
 * @param requirement what was asked
 * @param placement where the engine placed it ({@code GPU}, {@code GPU+CPU 20/32}, {@code CPU}, {@code no fit}, ...)
 * @param pool the memory pool the margin is measured in ({@code GPU memory}, {@code host RAM})
 * @param memory the engine's memory breakdown
 * @param neededBytes memory the placement needs
 * @param availableBytes memory available to the placement (all the pools it uses)
 * @param headroomBytes memory left in {@code pool} (negative: the shortfall)
 * @param poolBytes size of {@code pool}, the base of percentage thresholds
 * @param requiredHeadroomBytes the requirement's {@code minHeadroom} in bytes for this pool
 * @param decodeTokensPerSecond estimated decode speed per sequence, or {@link #NOT_ESTIMATED}
 * @param prefillTokensPerSecond estimated prompt-processing speed, or {@link #NOT_ESTIMATED}
 * @param failures why it is not met, one sentence with numbers each; empty when met
 * @param seconds how long the evaluation took (for JUnit reports)
 * @param workload the advisor's answer for a model of another domain (where, precision, memory, throughput in the
 *     domain's unit), null for LLMs and when the selected device is absent
 */
public record RequirementResult(Requirement requirement, String placement, String pool, MemoryBreakdown memory,
                                long neededBytes, long availableBytes, long headroomBytes, long poolBytes,
                                long requiredHeadroomBytes, double decodeTokensPerSecond, double prefillTokensPerSecond,
                                List<String> failures, double seconds, WorkloadAdvice workload) {
    /** The result of an LLM requirement. */
    public RequirementResult(Requirement requirement, String placement, String pool, MemoryBreakdown memory,
                             long neededBytes, long availableBytes, long headroomBytes, long poolBytes,
                             long requiredHeadroomBytes, double decodeTokensPerSecond, double prefillTokensPerSecond,
                             List<String> failures, double seconds) {
        this(requirement, placement, pool, memory, neededBytes, availableBytes, headroomBytes, poolBytes, requiredHeadroomBytes,
                decodeTokensPerSecond, prefillTokensPerSecond, failures, seconds, null);
    }

    /** Speed sentinel: not estimated because the deployment does not fit where it must run. */
    public static final double NOT_ESTIMATED = Double.NaN;

    public RequirementResult {
        if (requirement == null || placement == null || pool == null || memory == null) {
            throw new IllegalArgumentException("requirement, placement, pool and memory are required");
        }
        failures = List.copyOf(failures);
    }

    /** Every threshold met. */
    public boolean met() {
        return failures.isEmpty();
    }

    /** Headroom as a share of the pool, 0..1 (negative when short), or NaN for an empty pool. */
    public double headroomRatio() {
        return poolBytes > 0 ? (double) headroomBytes / poolBytes : Double.NaN;
    }

    /** Whether the memory carries a KV cache line (LLMs; encoder-decoders and autoregressive audio among the others). */
    public boolean hasKvCache() {
        return workload == null ? !requirement.isWorkload() : workload.estimate().hasKvCache();
    }

    public boolean speedEstimated() {
        return !Double.isNaN(decodeTokensPerSecond);
    }
}
