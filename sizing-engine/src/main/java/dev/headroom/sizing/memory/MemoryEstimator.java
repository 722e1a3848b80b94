package dev.headroom.sizing.memory;

import dev.headroom.sizing.model.ModelArchitecture;
import dev.headroom.sizing.provenance.Origin;
import java.util.List;

/** Memory needed to serve a {@link DeploymentRequest}: weights + KV cache + compute buffer + runtime overhead. */
public final class MemoryEstimator {
    private MemoryEstimator() {
    }

    public static MemoryBreakdown estimate(DeploymentRequest r) {
        ModelArchitecture a = r.model();
        long weights = WeightSizer.weightBytes(a, r.precision());
        long kv = KvCacheModel.bytes(a, r.contextTokens(), r.sequences(), r.kvCacheType());
        long ubatch = Math.min(r.runtime().microBatchTokens(), Math.multiplyExact(r.contextTokens(), (long) r.sequences()));
        long compute = Math.multiplyExact(4L * ubatch, Math.addExact((long) a.vocabSize(), Math.multiplyExact(r.contextTokens(), (long) r.sequences())));
        return new MemoryBreakdown(List.of(
                new MemoryComponent(MemoryComponent.WEIGHTS, weights, Origin.COMPUTED,
                        "architecture x " + r.precision() + " block layout per tensor (llama.cpp type mix)"),
                new MemoryComponent(MemoryComponent.KV_CACHE, kv, Origin.COMPUTED,
                        a.layers() + " layers x " + a.kvHeads() + " kv heads x " + a.headDim() + " x 2 (K,V) x "
                                + r.contextTokens() + " tokens x " + r.sequences() + " seq x " + r.kvCacheType()),
                new MemoryComponent(MemoryComponent.COMPUTE_BUFFER, compute, Origin.DEFAULT,
                        "4 B x ubatch " + ubatch + " x (vocab + context): logits and attention scratch"),
                new MemoryComponent(MemoryComponent.RUNTIME_OVERHEAD, r.runtime().fixedOverheadBytes(), Origin.DEFAULT,
                        r.runtime().source())));
    }
}
