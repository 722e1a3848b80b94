package dev.headroom.advisor;

import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.sizing.hardware.HardwareProfile;

/** Machines built from fixed facts (no probe, no stored calibration), enriched as every surface enriches them. */
public final class TestMachines {
    public static final Machines MACHINES = new Machines(AcceleratorCatalog.bundled(),
            () -> {
                throw new IllegalStateException("tests do not probe");
            }, () -> null);

    private TestMachines() {
    }

    public static Machine of(HardwareProfile hw) {
        return MACHINES.of(hw, null, "test");
    }
}
