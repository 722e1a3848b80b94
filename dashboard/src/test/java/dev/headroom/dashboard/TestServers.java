package dev.headroom.dashboard;

import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.ModelCatalog;
import dev.headroom.probe.live.OshiHostSampler;
import dev.headroom.probe.SystemProbe;
import dev.headroom.sizing.hardware.HardwareProfile;
import java.nio.file.Path;

/** Servers as tests start them: this machine's real probe and OSHI readings, captured GPU readings, port 0. */
public final class TestServers {
    private static HardwareProfile probed;

    private TestServers() {
    }

    public static synchronized HardwareProfile probe() {
        if (probed == null) {
            probed = new SystemProbe().probe();
        }
        return probed;
    }

    public static DashboardConfig config() {
        return DashboardConfig.defaults().withPort(0).withSampleIntervalMillis(200);
    }

    public static DashboardServer start(DashboardConfig config) {
        return DashboardServer.start(config, probe(), new OshiHostSampler(Path.of("/sys/fs/cgroup"), new CapturedGpus()),
                ModelCatalog.bundled(), AcceleratorCatalog.bundled());
    }
}
