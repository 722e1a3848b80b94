package dev.headroom.advisor;

import dev.headroom.sizing.Estimator;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.speed.SpeedCeilings;
import java.util.List;

/**
 * A machine as every surface reasons about it: its facts (probed, read from a saved profile, or described
 * by device names), the calibration that applies to it, and the achievable ceilings the advisor derived
 * from both. Built only by {@link Machines}, so every surface sees the same enrichment.
 *
 * @param hardware the facts
 * @param calibration the {@code headroom bench} calibration of its CPU, or null
 * @param origin how the facts were obtained: {@code probed}, {@code profile FILE}, {@code device RTX 4090}
 * @param cpu the CPU's ceilings (MEASURED from the calibration, else DEFAULT)
 * @param gpu the GPUs' ceilings (DATASHEET x class constants), null when none or unknown
 * @param notes caveats every report on this machine repeats (unknown GPUs, ignored calibrations)
 */
public record Machine(HardwareProfile hardware, Calibration calibration, String origin, SpeedCeilings cpu, SpeedCeilings gpu,
                      List<String> notes) {
    public Machine {
        if (hardware == null || cpu == null) {
            throw new IllegalArgumentException("hardware and cpu ceilings are required");
        }
        origin = origin == null ? "" : origin;
        notes = List.copyOf(notes);
    }

    /** The engine for this machine. */
    public Estimator estimator() {
        String reason = gpu == null && !hardware.gpus().isEmpty() ? notes.stream().filter(n -> n.startsWith("GPU")).findFirst()
                .orElse("GPU rates unknown") : "";
        return new Estimator(hardware, cpu, gpu, reason);
    }

    /** One line naming the calibration in use, or its absence: every report prints it. */
    public String calibrationLabel() {
        return calibration != null ? "calibration " + calibration.measuredOn() + " (" + calibration.cpuModel() + ", headroom bench"
                + (calibration.engine().isEmpty() ? "" : "; decode rates by " + calibration.engine()) + ")"
                : cpu.note().contains("measured in-process")
                ? "no calibration (CPU bandwidth measured in-process, per-format rates are defaults; run 'headroom bench')"
                : "no calibration (CPU speeds are defaults; run 'headroom bench')";
    }

    /** The same machine with other hardware facts (a device selection); ceilings unchanged. */
    public Machine withHardware(HardwareProfile restricted) {
        return new Machine(restricted, calibration, origin, cpu, restricted.gpus().isEmpty() ? null : gpu, notes);
    }
}
