package dev.headroom.sizing.speed;

import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.provenance.Sourced;
import java.util.List;

/**
 * @param decodeTokensPerSecond tokens generated per second for one sequence at the given context
 * @param prefillTokensPerSecond prompt tokens processed per second
 * @param decodeBound {@code bandwidth} or {@code compute}: which ceiling limits decoding
 * @param inputs the ceilings and byte counts behind the numbers, with their origins
 */
public record SpeedEstimate(double decodeTokensPerSecond, double prefillTokensPerSecond, String decodeBound,
                            List<Sourced> inputs) {
    public SpeedEstimate {
        inputs = List.copyOf(inputs);
    }

    /** No speed can be given (a GPU without datasheet figures, a deployment that does not fit): NaN rates, the reason as bound. */
    public static SpeedEstimate unknown(String why) {
        return new SpeedEstimate(Double.NaN, Double.NaN, "unknown", List.of(
                new Sourced("speed", Double.NaN, "tokens/s", Origin.DEFAULT, why)));
    }

    /** Whether the rates are known. */
    public boolean known() {
        return !Double.isNaN(decodeTokensPerSecond);
    }
}
