package dev.headroom.advisor;

import dev.headroom.sizing.fit.MarginPolicy;
import dev.headroom.sizing.fit.MemorySolver;
import dev.headroom.sizing.fit.OffloadPlan;
import dev.headroom.sizing.memory.ComputeBufferModel;
import dev.headroom.sizing.memory.KvCacheFormat;
import dev.headroom.sizing.memory.KvCacheModel;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryModel;
import dev.headroom.sizing.memory.MemoryRequest;
import dev.headroom.sizing.memory.RuntimeProfile;
import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.quant.Precision;
import dev.headroom.sizing.speed.SpeedCeilings;
import dev.headroom.sizing.training.TrainingMemory;
import dev.headroom.sizing.training.TrainingPlan;
import dev.headroom.sizing.workload.DomainEstimator;
import dev.headroom.sizing.workload.WorkloadEstimate;
import dev.headroom.sizing.workload.WorkloadModel;
import dev.headroom.sizing.workload.WorkloadRequest;
import java.util.Optional;

/**
 * The sizing questions {@code size}, {@code catalog show} and {@code bench --model} ask, answered here so that no
 * front end calls the engine's formulas itself: memory of one request (inference or training), what the most a
 * device of some size can hold is (longest context, most sequences, best precision of the fit policy's ladder,
 * GPUs for tensor parallelism, llama.cpp offload), and a workload model's prediction on given ceilings.
 */
public final class Sizing {
    /** Sequences searched for the most a device holds; more is a typo for a single machine. */
    public static final int MAX_SEQUENCES_SEARCHED = 4096;
    /** GPUs searched for tensor parallelism. */
    public static final int MAX_GPUS_SEARCHED = 64;

    private Sizing() {
    }

    /** Inference memory of a request, as a sourced breakdown. */
    public static MemoryBreakdown inference(MemoryRequest r) {
        return MemoryModel.estimate(r);
    }

    /** Fine-tuning memory (weights, gradients, optimizer states, activations, adapters). */
    public static MemoryBreakdown training(ModelArchitecture arch, TrainingPlan plan) {
        return TrainingMemory.estimate(arch, plan);
    }

    /** The KV cache of one sequence at {@code context} tokens as llama.cpp allocates it (window-aware), F16. */
    public static long llamaCppKvBytes(ModelArchitecture arch, long context) {
        RuntimeProfile rt = RuntimeProfile.LLAMA_CPP;
        return KvCacheModel.bytes(arch, context, 1, KvCacheFormat.F16, rt.kvAllocationTokens(), rt.microBatchTokens());
    }

    /**
     * The most a device of {@code deviceBytes} holds for a request, after the default margin (5%, at least 256 MiB).
     *
     * @param usableBytes what the deployment may use of the device
     * @param longestContextTokens longest context per sequence that fits (0: none)
     * @param mostSequences most sequences of the request's context (0: none)
     * @param bestPrecision the best precision of the fit policy's ladder that fits, if any
     * @param gpusForTensorParallel fewest GPUs of this size that hold it with tensor parallelism, if any up to 64
     * @param offload llama.cpp partial offload onto one such GPU, for llama.cpp-style runtimes without tensor parallelism
     */
    public record DeviceCapacity(long usableBytes, long longestContextTokens, int mostSequences, Optional<Precision> bestPrecision,
                                 Optional<Integer> gpusForTensorParallel, Optional<OffloadPlan> offload) {
    }

    public static DeviceCapacity capacity(MemoryRequest r, long deviceBytes) {
        MarginPolicy margin = MarginPolicy.DEFAULT;
        int gpus = MemorySolver.gpusForTensorParallel(r.withTensorParallel(1), deviceBytes, margin, MAX_GPUS_SEARCHED);
        Optional<OffloadPlan> offload = r.runtime().computeModel() == ComputeBufferModel.LLAMA_CPP_GRAPH && r.tensorParallel() == 1
                ? Optional.of(MemorySolver.offload(r, deviceBytes, margin)) : Optional.empty();
        return new DeviceCapacity(MemorySolver.usableBytes(r, deviceBytes, margin), MemorySolver.longestContext(r, deviceBytes, margin),
                MemorySolver.mostSequences(r, deviceBytes, margin, MAX_SEQUENCES_SEARCHED),
                MemorySolver.bestPrecision(r, FitPolicy.LADDER, deviceBytes, margin), gpus > 0 ? Optional.of(gpus) : Optional.empty(), offload);
    }

    /** Usable bytes of a device of {@code deviceBytes} for a training run (the default margin). */
    public static long usableForTraining(long deviceBytes) {
        return MarginPolicy.DEFAULT.usable(deviceBytes);
    }

    /** A workload model's prediction on given ceilings ({@code bench --model} compares it with ONNX Runtime runs). */
    public static WorkloadEstimate workload(WorkloadModel model, WorkloadRequest request, SpeedCeilings ceilings) {
        return DomainEstimator.estimate(model, request, ceilings);
    }
}
