package dev.headroom.cli;

import dev.headroom.advisor.Machine;
import dev.headroom.advisor.Machines;
import dev.headroom.sizing.units.ByteUnits;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which machine a command answers for, the same on every command: this one (probed), a saved profile
 * ({@code --hardware}), or one described by accelerator names ({@code --device}, with {@code --ram} and
 * {@code --vram}); {@code --no-calibration} ignores {@code headroom bench}'s calibration (reproducible output).
 * Parsing only: the advisor's {@link Machines} builds the machine.
 */
public final class MachineOptions {
    @Option(names = "--hardware", paramLabel = "PROFILE.json",
            description = "Answer for a machine saved with 'headroom probe --json' instead of this one.")
    Path hardware;

    @Option(names = "--device", paramLabel = "NAME[xN]",
            description = "Answer for accelerators named as people type them: 'RTX 4090', '2x A100 80GB', 'M3 Max 40-core 64GB', 'H100 SXM'.")
    String device;

    @Option(names = "--ram", paramLabel = "SIZE", description = "Host RAM to assume with --device (e.g. 64GiB; default: this machine's).")
    String ram;

    @Option(names = "--vram", paramLabel = "SIZE", description = "Memory per GPU to assume with --device (default: the catalog's).")
    String vram;

    @Option(names = "--no-calibration", description = "Ignore the 'headroom bench' calibration (reproducible CI output).")
    boolean noCalibration;

    /** The machine these options name. @throws IllegalArgumentException (one line) for bad combinations and unknown devices */
    public Machine machine(Machines machines) {
        if (hardware != null && device != null) {
            throw new IllegalArgumentException("--hardware and --device: give one, not both");
        }
        if (device == null && (ram != null || vram != null)) {
            throw new IllegalArgumentException("--ram and --vram: only with --device");
        }
        if (hardware != null) {
            return machines.fromProfile(hardware, !noCalibration);
        }
        if (device != null) {
            return machines.described(device, ram == null ? null : size("--ram", ram), vram == null ? null : size("--vram", vram), !noCalibration);
        }
        return machines.probed(!noCalibration);
    }

    /** Whether this machine is the one the command runs on. */
    public boolean local() {
        return hardware == null && device == null;
    }

    private static long size(String option, String text) {
        try {
            long v = ByteUnits.parse(text);
            if (v <= 0) {
                throw new IllegalArgumentException("must be positive");
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage() + " (e.g. 64GiB, 24GB, 81920MiB)");
        }
    }
}
