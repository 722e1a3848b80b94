package dev.headroom.probe.gpu;

import dev.headroom.probe.command.CommandOutcome;
import dev.headroom.probe.command.CommandRunner;
import java.util.List;
import java.util.Locale;

/**
 * Apple Silicon's GPU from {@code sysctl hw machdep.cpu iogpu}: unified memory and the GPU's usable share
 * (see {@link AppleSilicon}). Applies on macOS on arm64 only. The parsed Mac is kept for the CPU facts.
 */
public final class AppleSysctlGpuSource implements GpuSource {
    private final CommandRunner runner;
    private final String osName;
    private final String osArch;
    private volatile AppleSilicon lastRead;

    public AppleSysctlGpuSource(CommandRunner runner, String osName, String osArch) {
        this.runner = runner;
        this.osName = osName == null ? "" : osName;
        this.osArch = osArch == null ? "" : osArch;
    }

    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public String vendor() {
        return "Apple";
    }

    @Override
    public boolean applies() {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return osName.toLowerCase(Locale.ROOT).startsWith("mac") && (arch.equals("aarch64") || arch.equals("arm64"))
                && runner.find("sysctl").isPresent();
    }

    @Override
    public GpuReadings read() {
        CommandOutcome out = runner.run("sysctl", "hw", "machdep.cpu", "iogpu");
        // sysctl exits non-zero when one of the names is unknown (older macOS has no iogpu) but prints the rest.
        if (!out.completed()) {
            return GpuReadings.none("sysctl unavailable: " + out.reason());
        }
        AppleSilicon mac = AppleSilicon.from(SysctlParser.parse(out.output()));
        if (mac == null) {
            return GpuReadings.none("sysctl printed no hw.memsize: " + RocmSmiJsonParser.firstLine(out.output()));
        }
        lastRead = mac;
        return new GpuReadings(List.of(mac.gpu()), List.of());
    }

    /** The Mac read by the last successful {@link #read()}, or null. */
    public AppleSilicon lastRead() {
        return lastRead;
    }
}
