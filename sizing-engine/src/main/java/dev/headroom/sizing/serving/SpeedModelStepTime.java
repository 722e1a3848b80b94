package dev.headroom.sizing.serving;

import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.speed.ServingEstimate;
import dev.headroom.sizing.speed.SpeedCeilings;
import dev.headroom.sizing.speed.SpeedModel;
import java.util.HashMap;
import java.util.Map;

/**
 * Step times from the engine's own roofline, {@link SpeedModel#serve}: a decode step of {@code b}
 * sequences is {@code b / aggregateTokensPerSecond} (weights read once per step, KV per sequence,
 * compute per token); a prompt of {@code n} tokens takes {@code n / prefillTokensPerSecond}, and a chunk
 * of {@code t} tokens after {@code c} cached ones the difference {@code T(c + t) - T(c)} (the attention
 * against the cached part), never less than {@code T(t)}.
 *
 * <p>Answers are memoised (context rounded to the 16-token block), so a simulation asks the speed model
 * a few hundred times, not once per step. Not thread-safe: one instance per simulation thread.
 */
public final class SpeedModelStepTime implements StepTimeModel {
    private static final int CONTEXT_GRAIN = 16;
    private final DeploymentRequest request;
    private final SpeedCeilings ceilings;
    private final int devices;
    private final Map<Long, Double> decode = new HashMap<>();
    private final Map<Long, Double> prefill = new HashMap<>();

    /**
     * @param request model, precision, KV cache type and runtime (context and sequences are set per step)
     * @param ceilings one device's ceilings
     * @param devices tensor-parallel degree
     */
    public SpeedModelStepTime(DeploymentRequest request, SpeedCeilings ceilings, int devices) {
        if (request == null || ceilings == null) {
            throw new IllegalArgumentException("request and ceilings are required");
        }
        if (devices < 1) {
            throw new IllegalArgumentException("devices: must be positive, was " + devices);
        }
        this.request = request;
        this.ceilings = ceilings;
        this.devices = devices;
    }

    @Override
    public double decodeStepSeconds(int batch, long meanContext) {
        long ctx = Math.max(0, Math.min(DeploymentRequest.MAX_CONTEXT, (meanContext + CONTEXT_GRAIN / 2) / CONTEXT_GRAIN * CONTEXT_GRAIN));
        long key = ((long) batch << 32) | ctx;
        Double s = decode.get(key);
        if (s == null) {
            ServingEstimate e = SpeedModel.serve(at(batch, Math.max(1, ctx)), ceilings, devices, 1, ctx);
            s = batch / e.aggregateTokensPerSecond();
            decode.put(key, s);
        }
        return s;
    }

    @Override
    public double prefillSeconds(long tokens, long contextSoFar) {
        double alone = promptSeconds(tokens);
        if (contextSoFar <= 0) {
            return alone;
        }
        return Math.max(alone, promptSeconds(contextSoFar + tokens) - promptSeconds(contextSoFar));
    }

    private double promptSeconds(long tokens) {
        long n = Math.max(1, Math.min(DeploymentRequest.MAX_CONTEXT, tokens));
        Double s = prefill.get(n);
        if (s == null) {
            ServingEstimate e = SpeedModel.serve(at(1, n), ceilings, devices, n, 0);
            s = n / e.prefillTokensPerSecond();
            prefill.put(n, s);
        }
        return s;
    }

    private DeploymentRequest at(int sequences, long context) {
        return new DeploymentRequest(request.model(), request.precision(), context, sequences, request.kvCacheType(), request.runtime());
    }
}
