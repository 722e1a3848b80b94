package dev.headroom.sizing.speed;

import dev.headroom.sizing.hardware.DeviceCeilings;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.KvCacheModel;
import dev.headroom.sizing.memory.WeightSizer;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.model.ParameterCounter;
import dev.headroom.sizing.provenance.Origin;
import dev.headroom.sizing.provenance.Sourced;
import java.util.List;

/**
 * A roofline for transformer inference. Decoding one token reads every active weight and the KV cache
 * once and does about 2 FLOPs per active parameter, so its time is the larger of bytes / bandwidth and
 * FLOPs / compute. Prefill processes many tokens per weight read and is compute-bound.
 */
public final class SpeedModel {
    private SpeedModel() {
    }

    /**
     * Speed with all weights on one device.
     *
     * @param request what runs
     * @param ceilings the device's achievable bandwidth and compute
     */
    public static SpeedEstimate onDevice(DeploymentRequest request, DeviceCeilings ceilings) {
        return split(request, 1.0, ceilings, ceilings);
    }

    /**
     * Speed with a fraction of the layers on a GPU and the rest on the CPU (llama.cpp partial offload):
     * each token passes through both parts one after the other, so the times add.
     *
     * @param gpuFraction share of the per-token bytes and FLOPs on the first device, 0..1
     */
    public static SpeedEstimate split(DeploymentRequest request, double gpuFraction, DeviceCeilings gpu, DeviceCeilings cpu) {
        if (gpuFraction < 0 || gpuFraction > 1) {
            throw new IllegalArgumentException("gpuFraction: must be within 0..1, was " + gpuFraction);
        }
        ModelArchitecture a = request.model();
        long weightBytes = WeightSizer.bytesReadPerToken(a, request.precision());
        // At context position n the cache read is n tokens of K and V; report the speed at the end of the context.
        long kvBytes = KvCacheModel.bytes(a, request.contextTokens(), 1, request.kvCacheType());
        double bytes = weightBytes + (double) kvBytes;
        double flops = 2.0 * ParameterCounter.activeParametersPerToken(a) + attentionFlops(a, request.contextTokens());

        double gpuMemSeconds = gpuFraction * bytes / gpu.bandwidthBytesPerSecond();
        double cpuMemSeconds = (1 - gpuFraction) * bytes / cpu.bandwidthBytesPerSecond();
        double gpuComputeSeconds = gpuFraction * flops / gpu.flopsPerSecond();
        double cpuComputeSeconds = (1 - gpuFraction) * flops / cpu.flopsPerSecond();
        double memSeconds = gpuMemSeconds + cpuMemSeconds;
        double seconds = Math.max(gpuMemSeconds, gpuComputeSeconds) + Math.max(cpuMemSeconds, cpuComputeSeconds);
        String bound = seconds > memSeconds * 1.0000001 ? "compute" : "bandwidth";

        double prefillFlopsPerToken = 2.0 * ParameterCounter.activeParametersPerToken(a)
                + attentionFlops(a, Math.min(request.contextTokens(), 512)) / 2.0;
        double prefillSeconds = gpuFraction * prefillFlopsPerToken / gpu.flopsPerSecond()
                + (1 - gpuFraction) * prefillFlopsPerToken / cpu.flopsPerSecond();

        return new SpeedEstimate(1.0 / seconds, 1.0 / prefillSeconds, bound, List.of(
                new Sourced("bytesReadPerToken", bytes, "bytes", Origin.COMPUTED, "active weights + KV cache at full context"),
                new Sourced("flopsPerToken", flops, "FLOP", Origin.COMPUTED, "2 x active parameters + attention"),
                new Sourced("bandwidth", gpuFraction > 0 ? gpu.bandwidthBytesPerSecond() : cpu.bandwidthBytesPerSecond(),
                        "bytes/s", gpuFraction > 0 ? gpu.origin() : cpu.origin(), gpuFraction > 0 ? gpu.note() : cpu.note()),
                new Sourced("compute", gpuFraction > 0 ? gpu.flopsPerSecond() : cpu.flopsPerSecond(),
                        "FLOP/s", gpuFraction > 0 ? gpu.origin() : cpu.origin(), gpuFraction > 0 ? gpu.note() : cpu.note())));
    }

    /** Attention score and value FLOPs for one token against {@code context} cached tokens: 4 x layers x heads x headDim x context. */
    static double attentionFlops(ModelArchitecture a, long context) {
        return 4.0 * a.layers() * a.attentionHeads() * a.headDim() * context;
    }
}
