package dev.headroom.probe.live;

import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The "live" values of a machine that is not this one (a saved profile, a described device): every sample
 * repeats the profile's memory and GPU readings, so the server, its API and {@code /metrics} answer for that
 * machine exactly as the CLI does ({@code serve --hardware}, {@code serve --device}). CPU load is reported
 * as 0: nothing runs on a described machine.
 */
public final class StaticHostSampler implements HostSampler {
    private final HardwareProfile profile;
    private final List<GpuSample> gpus;
    private final LongSupplier clock;

    public StaticHostSampler(HardwareProfile profile, LongSupplier clock) {
        this.profile = profile;
        this.clock = clock;
        this.gpus = profile.gpus().stream().map(g -> new GpuSample(g.index(), g.vendor(), g.name(), g.memoryTotalBytes(),
                g.memoryFreeBytes() == GpuInfo.UNKNOWN ? GpuSample.UNKNOWN : g.memoryTotalBytes() - g.usableBytes(), Double.NaN)).toList();
    }

    public StaticHostSampler(HardwareProfile profile) {
        this(profile, System::currentTimeMillis);
    }

    @Override
    public HostSample sample() {
        return new HostSample(clock.getAsLong(), 0, profile.memory(), gpus);
    }
}
