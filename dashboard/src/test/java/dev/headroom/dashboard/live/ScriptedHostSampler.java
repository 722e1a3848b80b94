package dev.headroom.dashboard.live;

import dev.headroom.probe.live.HostSample;
import dev.headroom.probe.live.GpuSample;
import dev.headroom.probe.live.HostSampler;
import dev.headroom.sizing.hardware.MemoryInfo;
import java.util.List;

/** A host whose available memory and GPUs a test sets; it can also be told to fail. */
final class ScriptedHostSampler implements HostSampler {
    static final long TOTAL = 32L << 30;
    private volatile long availableBytes = 24L << 30;
    private volatile List<GpuSample> gpus = List.of();
    private volatile RuntimeException failure;
    private long clock = 1_700_000_000_000L;

    void available(long bytes) {
        this.availableBytes = bytes;
    }

    void gpus(List<GpuSample> g) {
        this.gpus = g;
    }

    void failWith(RuntimeException e) {
        this.failure = e;
    }

    @Override
    public synchronized HostSample sample() {
        if (failure != null) {
            throw failure;
        }
        clock += 1000;
        return new HostSample(clock, 0.25, new MemoryInfo(TOTAL, availableBytes, MemoryInfo.NO_LIMIT, 0), gpus);
    }
}
