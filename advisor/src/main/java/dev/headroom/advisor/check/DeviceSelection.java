package dev.headroom.advisor.check;

import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import java.util.List;
import java.util.Locale;

/**
 * Where a requirement may run: {@code any} device the planner picks (GPU, GPU + CPU split, CPU),
 * {@code cpu} (GPUs ignored), or {@code gpu:N} (entirely on GPU N, no spill to host RAM).
 */
public sealed interface DeviceSelection {
    /** The name as written in a requirements file. */
    String label();

    /**
     * The profile the engine should see: the same machine with the GPUs this selection excludes
     * removed, or null when the selected GPU is not present.
     */
    HardwareProfile restrict(HardwareProfile hw);

    /** Any device: the planner chooses, as {@code headroom fit} does. */
    record Any() implements DeviceSelection {
        public String label() { return "any"; }
        public HardwareProfile restrict(HardwareProfile hw) { return hw; }
    }

    /** Host CPU and RAM only. */
    record Cpu() implements DeviceSelection {
        public String label() { return "cpu"; }
        public HardwareProfile restrict(HardwareProfile hw) {
            return new HardwareProfile(hw.hostName(), hw.os(), hw.cpu(), hw.memory(), List.of(), hw.warnings());
        }
    }

    /** @param index the GPU's index as the probe reports it (CUDA ordinal) */
    record Gpu(int index) implements DeviceSelection {
        public Gpu {
            if (index < 0) {
                throw new IllegalArgumentException("device: GPU index must not be negative, was " + index);
            }
        }

        public String label() { return "gpu:" + index; }

        public HardwareProfile restrict(HardwareProfile hw) {
            List<GpuInfo> only = hw.gpus().stream().filter(g -> g.index() == index).toList();
            if (only.isEmpty()) {
                return null;
            }
            return new HardwareProfile(hw.hostName(), hw.os(), hw.cpu(), hw.memory(), only, hw.warnings());
        }
    }

    /**
     * Parses {@code any}, {@code cpu} or {@code gpu:N} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the valid spellings
     */
    public static DeviceSelection parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("any")) {
            return new Any();
        }
        if (t.equals("cpu")) {
            return new Cpu();
        }
        if (t.matches("gpu:[0-9]{1,4}")) {
            return new Gpu(Integer.parseInt(t.substring(4)));
        }
        throw new IllegalArgumentException("unknown device '" + text + "'; valid: any, cpu, gpu:N (N = GPU index, e.g. gpu:0)");
    }
}
