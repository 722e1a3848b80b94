package dev.headroom.cli.bench;

import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.models.NamedModel;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.Estimator;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.quant.GgmlType;
import dev.headroom.sizing.quant.Precision;

/**
 * headroom's prediction for one measured engine run, asked exactly as {@code size MODEL} asks the advisor (the
 * resolved model's architecture with its file's exact weight bytes, one sequence, F16 KV cache, the runtime's
 * profile), at the speed point of the run: the prompt it processed, decode at the KV position halfway through the
 * generated tokens. No formula of its own: {@link Advisor#estimate(Machine, DeploymentRequest, Estimator.SpeedPoint)}
 * places the request on the machine and the engine's speed model gives the rates.
 */
final class RunPrediction {
    private RunPrediction() {
    }

    /**
     * @param context the context the engine allocated (tokens)
     * @param promptTokens prompt tokens the engine processed (at least 1)
     * @param generatedTokens tokens it generated
     */
    static Estimate of(Advisor advisor, Machine machine, NamedModel model, Precision precision, RuntimeProfile runtime, long context,
                       long promptTokens, long generatedTokens) {
        if (!model.hasArchitecture()) {
            throw new IllegalArgumentException("model: '" + model.id() + "' has no transformer architecture to predict");
        }
        long prompt = Math.max(1, promptTokens);
        long ctx = Math.max(context, prompt + generatedTokens);
        DeploymentRequest request = new DeploymentRequest(model.architecture(), precision, ctx, 1, GgmlType.F16, runtime);
        return advisor.estimate(machine, request, new Estimator.SpeedPoint(prompt, Math.min(ctx, prompt + generatedTokens / 2)));
    }
}
