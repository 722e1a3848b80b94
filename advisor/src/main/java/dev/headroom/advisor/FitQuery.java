package dev.headroom.advisor;

import java.util.Comparator;
import java.util.Locale;

/**
 * What a fit table shows: the context models are sized for, the policy, filters, order and length.
 *
 * @param contextTokens context per sequence, capped at each model's maximum
 * @param policy the fit policy
 * @param sort order within each verdict group
 * @param fitsOnly drop models that do not fit
 * @param family only models whose family (or id) starts with this, or null
 * @param domain only models of this domain ({@code llm}, ...), or null for the main job's default
 * @param top at most this many rows (0: all)
 */
public record FitQuery(long contextTokens, FitPolicy policy, Sort sort, boolean fitsOnly, String family, String domain, int top) {
    public FitQuery {
        if (contextTokens < 1) {
            throw new IllegalArgumentException("--context: must be positive, was " + contextTokens);
        }
        if (top < 0) {
            throw new IllegalArgumentException("--top: must not be negative, was " + top);
        }
        policy = policy == null ? FitPolicy.DEFAULT : policy;
        sort = sort == null ? Sort.CATALOG : sort;
    }

    /** The main job: every LLM at 4096 tokens, default policy, catalog order within verdict groups. */
    public static FitQuery defaults() {
        return new FitQuery(Advisor.DEFAULT_CONTEXT, FitPolicy.DEFAULT, Sort.CATALOG, false, null, "llm", 0);
    }

    /** Orders within a verdict group. */
    public enum Sort {
        /** Catalog order (families together). */
        CATALOG(Comparator.comparingInt(r -> 0)),
        /** Highest precision first, then larger models. */
        QUALITY(Comparator.comparingInt((FitTable.Row r) -> FitPolicy.LADDER.indexOf(r.advice().pick().request().precision()))
                .thenComparing(Comparator.comparingLong((FitTable.Row r) -> r.model().parameterCount()).reversed())),
        /** Fastest decode first. */
        SPEED(Comparator.comparingDouble((FitTable.Row r) -> {
            double v = r.advice().pick().speed().decodeTokensPerSecond();
            return Double.isNaN(v) ? Double.MAX_VALUE : -v;
        })),
        /** Most memory left first. */
        FIT(Comparator.comparingLong((FitTable.Row r) -> -r.advice().pick().placement().headroomBytes())),
        /** Largest model first. */
        SIZE(Comparator.comparingLong((FitTable.Row r) -> -r.model().parameterCount()));

        private final Comparator<FitTable.Row> comparator;

        Sort(Comparator<FitTable.Row> comparator) {
            this.comparator = comparator;
        }

        public Comparator<FitTable.Row> comparator() {
            return comparator;
        }

        /** @throws IllegalArgumentException naming the valid orders */
        public static Sort parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("--sort: unknown '" + text + "'; valid: quality, speed, fit, size, catalog");
            }
        }
    }
}
