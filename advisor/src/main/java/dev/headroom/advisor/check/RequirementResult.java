package dev.headroom.advisor.check;

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
 */
public record RequirementResult(Requirement requirement, String placement, String pool, MemoryBreakdown memory,
                                long neededBytes, long availableBytes, long headroomBytes, long poolBytes,
                                long requiredHeadroomBytes, double decodeTokensPerSecond, double prefillTokensPerSecond,
                                List<String> failures, double seconds) {
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

    public boolean speedEstimated() {
        return !Double.isNaN(decodeTokensPerSecond);
    }
}
