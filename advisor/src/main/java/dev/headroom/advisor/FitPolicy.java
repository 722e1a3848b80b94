package dev.headroom.advisor;

import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.quant.Precision;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which precision and placement to recommend, in one place (docs/fit-policy.md):
 * <ol>
 *   <li>Placements that keep the whole model in GPU memory beat offload and CPU; comfortable fits beat
 *       borderline ones.</li>
 *   <li>Among those, the highest-quality precision whose decode meets {@link #minDecodeTokensPerSecond()}.</li>
 *   <li>When none meets it, the fastest of them (the highest quality within 10% of the fastest), among
 *       precisions of 4 bits and more; formats below 4 bits
 *       ({@link #LAST_RESORT}: noticeable quality loss) are chosen only when nothing else fits.</li>
 *   <li>When nothing fits, the smallest precision with what is short.</li>
 * </ol>
 * The runners-up are reported beside the pick: the highest precision that fits anywhere ("max quality")
 * and the fastest that fits ("fastest").
 *
 * @param ladder precisions tried, best quality first
 * @param minDecodeTokensPerSecond the usable-speed floor, tokens/s of one sequence
 */
public record FitPolicy(List<Precision> ladder, double minDecodeTokensPerSecond) {
    /**
     * What people download, best first: 16-bit, the k-quants, the legacy Q4_0 and the i-quants that llama.cpp's
     * quantizer offers (the same ladder on every surface).
     */
    public static final List<Precision> LADDER = List.of(Precision.F16, Precision.Q8_0, Precision.Q6_K, Precision.Q5_K_M,
            Precision.Q4_K_M, Precision.IQ4_XS, Precision.Q4_0, Precision.Q3_K_M, Precision.IQ3_XXS, Precision.Q2_K, Precision.IQ2_XXS);
    /** Below 4 bits per weight: chosen only when nothing of 4 bits or more fits. */
    public static final List<Precision> LAST_RESORT = List.of(Precision.Q3_K_M, Precision.IQ3_XXS, Precision.Q2_K, Precision.IQ2_XXS);
    /** Default floor: 10 tokens/s, about twice reading speed, where chat stops feeling slow. */
    public static final double DEFAULT_MIN_SPEED = 10.0;
    public static final FitPolicy DEFAULT = new FitPolicy(LADDER, DEFAULT_MIN_SPEED);
    /**
     * Speeds within this share of the fastest count as equally fast: the estimate's own spread on the
     * trust-A rows is about 9% (docs/accuracy-speed.md), so a smaller gap says nothing.
     */
    static final double NEAR_FASTEST = 0.10;

    public FitPolicy {
        ladder = List.copyOf(ladder);
        if (ladder.isEmpty()) {
            throw new IllegalArgumentException("ladder: must name at least one precision");
        }
        if (!(minDecodeTokensPerSecond >= 0) || Double.isInfinite(minDecodeTokensPerSecond)) {
            throw new IllegalArgumentException("--min-speed: must be a finite number >= 0, was " + minDecodeTokensPerSecond);
        }
    }

    public FitPolicy withMinSpeed(double tokensPerSecond) {
        return new FitPolicy(ladder, tokensPerSecond);
    }

    /**
     * The recommendation from one estimate per ladder step (in ladder order).
     *
     * @param estimates the estimates of one model at each precision of {@link #ladder()}, same order
     */
    public Advice choose(String modelId, List<Estimate> estimates) {
        if (estimates.isEmpty()) {
            throw new IllegalArgumentException("estimates: must not be empty");
        }
        List<Estimate> fitting = estimates.stream().filter(e -> e.placement().fits()).toList();
        if (fitting.isEmpty()) {
            Estimate smallest = estimates.get(estimates.size() - 1);
            return new Advice(modelId, Advice.Verdict.NO_FIT, smallest, null, null, "nothing on the ladder fits: "
                    + smallest.request().precision().displayName() + " is short by " + dev.headroom.sizing.units.ByteUnits.formatIec(-smallest.placement().headroomBytes()));
        }
        List<Estimate> comfortableGpu = fitting.stream().filter(e -> e.placement().gpuResident() && !e.placement().borderline()).toList();
        List<Estimate> anyGpu = fitting.stream().filter(e -> e.placement().gpuResident()).toList();
        List<Estimate> comfortable = fitting.stream().filter(e -> !e.placement().borderline()).toList();
        List<Estimate> tier = !comfortableGpu.isEmpty() ? comfortableGpu : !anyGpu.isEmpty() ? anyGpu
                : !comfortable.isEmpty() ? comfortable : fitting;
        List<Estimate> preferred = tier.stream().filter(e -> !LAST_RESORT.contains(e.request().precision())).toList();
        List<Estimate> pool = preferred.isEmpty() ? tier : preferred;
        Optional<Estimate> usable = pool.stream().filter(this::meetsFloor).findFirst();
        Estimate pick;
        String why;
        if (usable.isPresent()) {
            pick = usable.get();
            why = pick.speed().known() ? "highest quality at " + floorText() + " or more" : "highest quality that fits (speed unknown)";
        } else {
            double top = pool.stream().mapToDouble(e -> e.speed().decodeTokensPerSecond()).max().orElseThrow();
            // Formats within 10% of the fastest run alike in practice; the higher quality of them wins.
            pick = pool.stream().filter(e -> e.speed().decodeTokensPerSecond() >= top * (1 - NEAR_FASTEST)).findFirst().orElseThrow();
            why = "nothing reaches " + floorText() + ": fastest" + (preferred.isEmpty() ? "" : " of 4 bits or more")
                    + " (highest quality within 10%)";
        }
        Estimate maxQuality = fitting.get(0);
        Estimate fastest = fitting.stream().filter(e -> e.speed().known())
                .max(Comparator.comparingDouble(e -> e.speed().decodeTokensPerSecond())).orElse(maxQuality);
        Advice.Verdict verdict = pick.placement().borderline() ? Advice.Verdict.BORDERLINE
                : !meetsFloor(pick) ? Advice.Verdict.SLOW
                : pick.placement().gpuResident() ? Advice.Verdict.GPU
                : pick.placement() instanceof dev.headroom.sizing.fit.Placement.Split ? Advice.Verdict.OFFLOAD : Advice.Verdict.CPU;
        return new Advice(modelId, verdict, pick, maxQuality, fastest, why);
    }

    private boolean meetsFloor(Estimate e) {
        return !e.speed().known() || e.speed().decodeTokensPerSecond() >= minDecodeTokensPerSecond;
    }

    private String floorText() {
        return String.format(java.util.Locale.ROOT, "%.0f tok/s", minDecodeTokensPerSecond);
    }
}
