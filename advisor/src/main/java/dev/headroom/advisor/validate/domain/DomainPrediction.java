package dev.headroom.advisor.validate.domain;

/**
 * One benchmark row with the engine's prediction in the row's metric.
 *
 * @param row the published figure and its conditions
 * @param predictedValue the prediction, NaN when there is none
 * @param recorded true when the prediction was printed at measurement time rather than recomputed here
 * @param bound the roofline term of the estimate (compute, bandwidth, overhead), "-" when not predicted
 * @param reason why there is no prediction; empty when there is one
 * @param sequentialValue speech rows over several 30 s windows: the same model with the windows decoded one after
 *                        another (as batch-1 runtimes do) instead of side by side; NaN otherwise
 */
public record DomainPrediction(DomainBenchmark row, double predictedValue, boolean recorded, String bound, String reason,
                               double sequentialValue) {
    static DomainPrediction none(DomainBenchmark row, String reason) {
        return new DomainPrediction(row, Double.NaN, false, "-", reason, Double.NaN);
    }

    public boolean predicted() {
        return !Double.isNaN(predictedValue);
    }

    /** (predicted - published) / published, in percent. */
    public double errorPercent() {
        return (predictedValue - row.value()) / row.value() * 100;
    }

    /** The error of {@link #sequentialValue()}, NaN when there is none. */
    public double sequentialErrorPercent() {
        return (sequentialValue - row.value()) / row.value() * 100;
    }

    public double absErrorPercent() {
        return Math.abs(errorPercent());
    }
}
