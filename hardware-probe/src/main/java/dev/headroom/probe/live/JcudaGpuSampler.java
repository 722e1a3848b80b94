package dev.headroom.probe.live;

import dev.headroom.probe.JcudaProbe;
import dev.headroom.sizing.hardware.GpuInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * GPU memory through the probe's JCuda path. Reading free memory retains each device's primary context,
 * which is not free, so the reading is refreshed at most every {@code refreshMillis} and reused in between.
 * JCuda does not report utilisation: it is NaN here and the {@code headroom_gpu_utilization_ratio} series
 * is absent. On machines where the start-up probe found no GPU this sampler reads nothing.
 */
public final class JcudaGpuSampler implements GpuSampler {
    /** Five seconds: GPU memory moves when models load, on a scale of seconds, not milliseconds. */
    public static final long DEFAULT_REFRESH_MILLIS = 5_000;

    private final boolean anyGpu;
    private final long refreshMillis;
    private final LongSupplier clock;
    private List<GpuSample> last = List.of();
    private long lastReadMillis = Long.MIN_VALUE;

    public JcudaGpuSampler(List<GpuInfo> gpusAtStartup) {
        this(gpusAtStartup, DEFAULT_REFRESH_MILLIS, System::currentTimeMillis);
    }

    JcudaGpuSampler(List<GpuInfo> gpusAtStartup, long refreshMillis, LongSupplier clock) {
        this.anyGpu = gpusAtStartup.stream().anyMatch(g -> "jcuda".equals(g.source()));
        this.refreshMillis = refreshMillis;
        this.clock = clock;
        this.last = toSamples(gpusAtStartup.stream().filter(g -> "jcuda".equals(g.source())).toList());
    }

    @Override
    public List<GpuSample> sample() {
        if (!anyGpu) {
            return List.of();
        }
        long now = clock.getAsLong();
        if (lastReadMillis == Long.MIN_VALUE || now - lastReadMillis >= refreshMillis) {
            lastReadMillis = now;
            List<GpuInfo> read = JcudaProbe.probe(new ArrayList<>());
            if (!read.isEmpty()) {
                last = toSamples(read);
            }
        }
        return last;
    }

    private static List<GpuSample> toSamples(List<GpuInfo> gpus) {
        List<GpuSample> out = new ArrayList<>();
        for (GpuInfo g : gpus) {
            long used = g.memoryFreeBytes() == GpuInfo.UNKNOWN ? GpuSample.UNKNOWN
                    : Math.max(0, g.memoryTotalBytes() - g.memoryFreeBytes());
            out.add(new GpuSample(g.index(), g.vendor(), g.name(), g.memoryTotalBytes(), used, Double.NaN));
        }
        return List.copyOf(out);
    }
}
