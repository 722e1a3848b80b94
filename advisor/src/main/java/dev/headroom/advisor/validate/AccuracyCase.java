package dev.headroom.advisor.validate;

/**
 * One prediction against one published number.
 *
 * @param id the row id in the validation file (or the model name when rows have none)
 * @param label what is compared, e.g. {@code Llama-2-7B Q4_0 model size}
 * @param predicted the engine's number, in {@code unit}
 * @param published the published number, in {@code unit}
 * @param unit {@code GiB}, {@code MiB}, {@code params}, {@code B params}
 * @param decimals decimals to print
 * @param source where the published number comes from
 */
public record AccuracyCase(String id, String label, double predicted, double published, String unit, int decimals,
                           String source) {
    /** Signed relative error in percent (0 when both are 0). */
    public double errorPercent() {
        if (published == 0) {
            return predicted == 0 ? 0 : 100;
        }
        return (predicted - published) / published * 100.0;
    }

    public double absErrorPercent() {
        return Math.abs(errorPercent());
    }
}
