package dev.headroom.sizing.speed;

import java.util.Locale;

/**
 * The device families whose inference stacks behave alike enough to share a few calibrated
 * constants ({@link ClassConstants}). Devices are never given constants of their own.
 */
public enum DeviceClass {
    NVIDIA, AMD, APPLE, INTEL, CPU;

    /** The class of a GPU from its vendor string ({@code NVIDIA}, {@code AMD}, {@code Apple}, {@code Intel}); CPU when unknown. */
    public static DeviceClass ofVendor(String vendor) {
        String v = vendor == null ? "" : vendor.toLowerCase(Locale.ROOT);
        if (v.contains("nvidia")) {
            return NVIDIA;
        }
        if (v.contains("amd") || v.contains("advanced micro")) {
            return AMD;
        }
        if (v.contains("apple")) {
            return APPLE;
        }
        if (v.contains("intel")) {
            return INTEL;
        }
        return CPU;
    }
}
