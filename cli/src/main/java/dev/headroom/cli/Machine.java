package dev.headroom.cli;

import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.AcceleratorSpec;
import dev.headroom.probe.SystemProbe;
import dev.headroom.sizing.Estimator;
import dev.headroom.sizing.hardware.DeviceCeilings;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.speed.DefaultCeilings;
import java.util.Comparator;

/** Composes probe, accelerator catalog and engine: the machine as the estimates need it. */
public final class Machine {
    private Machine() {
    }

    public static HardwareProfile probe() {
        return new SystemProbe().probe();
    }

    /** An estimator for a profile: CPU default ceilings, and the largest GPU's datasheet ceilings when the catalog knows it. */
    public static Estimator estimatorFor(HardwareProfile hw, AcceleratorCatalog accelerators) {
        DeviceCeilings cpu = DefaultCeilings.forCpu(hw.cpu());
        DeviceCeilings gpu = null;
        GpuInfo largest = hw.gpus().stream().max(Comparator.comparingLong(GpuInfo::memoryTotalBytes)).orElse(null);
        if (largest != null) {
            AcceleratorSpec spec = accelerators.match(largest.name());
            if (spec != null) {
                gpu = DefaultCeilings.forGpuDatasheet(spec.name(), spec.bandwidthBytesPerSecond(), spec.fp16FlopsPerSecond());
            }
        }
        return new Estimator(hw, cpu, gpu);
    }
}
