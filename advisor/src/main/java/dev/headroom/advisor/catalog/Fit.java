package dev.headroom.advisor.catalog;

/**
 * Whether a model fits this machine, for listing and ranking.
 *
 * @param fits whether it fits
 * @param where {@code GPU}, {@code GPU+CPU n/m}, {@code CPU}, {@code no fit}, or {@code API only}
 * @param precision the precision assumed ({@code Q4_K_M}, {@code FP16}, {@code file} for exact file bytes)
 * @param neededBytes memory needed in bytes, -1 when unknown
 * @param rate estimated throughput, -1 when unknown
 * @param rateUnit unit of {@code rate} ({@code tok/s}, {@code items/s})
 * @param basis how the numbers were obtained (one line)
 */
public record Fit(boolean fits, String where, String precision, long neededBytes, double rate, String rateUnit, String basis) {
    public static Fit apiOnly() {
        return new Fit(false, "API only", "-", -1, -1, "", "not locally hostable");
    }

    public static Fit unknown(String why) {
        return new Fit(false, "unknown", "-", -1, -1, "", why);
    }

    /** This fit with another rate unit. */
    public Fit withUnit(String unit) {
        return new Fit(fits, where, precision, neededBytes, rate, unit, basis);
    }

    /** Ranking group: 0 usable (fits at a usable speed), 1 fits but slow, 2 unknown size, 3 does not fit, 4 API only. */
    public int group() {
        if (where.equals("API only")) {
            return 4;
        }
        if (neededBytes < 0) {
            return 2;
        }
        if (!fits) {
            return 3;
        }
        // usable: an LLM at the fit policy's floor, any other model at one item per second or more
        boolean slow = rateUnit.equals("tok/s") ? rate >= 0 && rate < dev.headroom.advisor.FitPolicy.DEFAULT_MIN_SPEED : rate >= 0 && rate < 1.0;
        return slow ? 1 : 0;
    }
}
