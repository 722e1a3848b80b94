package dev.headroom.advisor.validate;

/**
 * One section of the accuracy report. Implementations must be deterministic (same data, same text) so
 * that the committed docs/accuracy.md equals a rerun.
 */
public interface AccuracySection {
    /** The section heading, without Markdown markup. */
    String title();

    /** The section body in GitHub-flavoured Markdown. */
    String markdown();

    /** Whether every target the section states is met (the command exits 1 otherwise). */
    default boolean targetsMet() {
        return true;
    }
}
