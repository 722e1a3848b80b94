package dev.headroom.cli;

import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.AcceleratorSpec;
import dev.headroom.probe.SystemProbe;
import dev.headroom.sizing.Estimator;
import dev.headroom.sizing.hardware.DeviceCeilings;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.cli.bench.CalibrationStore;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.speed.DefaultCeilings;
import dev.headroom.sizing.speed.DeviceClass;
import dev.headroom.sizing.speed.SpeedCeilings;
import java.util.Comparator;

/** Composes probe, accelerator catalog and engine: the machine as the estimates need it. */
public final class Machine {
    private Machine() {
    }

    public static HardwareProfile probe() {
        return new SystemProbe().probe();
    }

    /**
     * An estimator for a profile: the CPU's ceilings from this machine's {@code headroom bench}
     * calibration when one was measured on a CPU of the same name (provenance MEASURED), else defaults;
     * the largest GPU's datasheet ceilings times its device class's constants when the catalog knows it.
     */
    public static Estimator estimatorFor(HardwareProfile hw, AcceleratorCatalog accelerators) {
        Calibration calibration = CalibrationStore.forUser().forCpu(hw.cpu());
        DeviceCeilings cpu = calibration != null ? calibration.cpuDeviceCeilings() : DefaultCeilings.forCpu(hw.cpu());
        DeviceCeilings gpu = null;
        GpuInfo largest = hw.gpus().stream().max(Comparator.comparingLong(GpuInfo::memoryTotalBytes)).orElse(null);
        if (largest != null) {
            AcceleratorSpec spec = accelerators.match(largest.name(), largest.pciId());
            if (spec != null && spec.fp16FlopsPerSecond() > 0) {
                // The device's own memory clock x bus width (JCuda) beats the datasheet when the probe read it.
                double bandwidth = largest.bandwidthBytesPerSecond() > 0 ? largest.bandwidthBytesPerSecond() : spec.bandwidthBytesPerSecond();
                if (bandwidth > 0) {
                    gpu = SpeedCeilings.forDatasheet(DeviceClass.ofVendor(spec.vendor()), spec.name(), bandwidth,
                            spec.fp16FlopsPerSecond()).toDeviceCeilings();
                }
            }
        }
        return new Estimator(hw, cpu, gpu);
    }
}
