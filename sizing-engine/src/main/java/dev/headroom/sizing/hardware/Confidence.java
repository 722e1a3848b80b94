package dev.headroom.sizing.hardware;

/**
 * How far a probed reading can be trusted.
 *
 * <ul>
 *   <li>{@link #HIGH}: read from the driver or kernel for this very device (CUDA driver API, nvidia-smi,
 *       rocm-smi, amdgpu sysfs, /proc/meminfo, cgroup files).</li>
 *   <li>{@link #MEDIUM}: read from the OS but partly derived (Apple's GPU-usable share of unified memory
 *       from {@code iogpu.wired_limit_mb}, bandwidth computed from memory clock and bus width).</li>
 *   <li>{@link #LOW}: a rule of thumb or a source with known bogus values (Apple's default GPU share,
 *       OSHI's graphics-card VRAM, DIMM speed × slots as a bandwidth bound).</li>
 * </ul>
 */
public enum Confidence {
    HIGH, MEDIUM, LOW
}
