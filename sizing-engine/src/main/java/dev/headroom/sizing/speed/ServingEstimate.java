package dev.headroom.sizing.speed;

import dev.headroom.sizing.provenance.Sourced;
import java.util.List;

/**
 * Speed of a deployment as a user of a server sees it.
 *
 * @param decodeTokensPerSecond tokens per second of one sequence generating alone, at the mean context of its generation
 * @param prefillTokensPerSecond prompt tokens per second for a prompt of {@code promptTokens}
 * @param timeToFirstTokenSeconds prompt processing plus one decode step, seconds
 * @param aggregateTokensPerSecond tokens per second summed over {@code batch} sequences decoding together
 * @param batch the number of sequences decoding together
 * @param decodeBound {@code bandwidth}, {@code compute} or {@code overhead}: the largest term of a decode step
 * @param inputs bytes, FLOPs and ceilings behind the numbers, with their origins
 */
public record ServingEstimate(double decodeTokensPerSecond, double prefillTokensPerSecond, double timeToFirstTokenSeconds,
                              double aggregateTokensPerSecond, int batch, String decodeBound, List<Sourced> inputs) {
    public ServingEstimate {
        inputs = List.copyOf(inputs);
    }
}
