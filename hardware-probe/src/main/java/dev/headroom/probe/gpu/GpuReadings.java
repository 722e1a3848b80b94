package dev.headroom.probe.gpu;

import dev.headroom.sizing.hardware.GpuInfo;
import java.util.List;

/**
 * What one source saw: the GPUs it could read, and why it could not read more (empty when all went well).
 *
 * @param gpus GPUs read, each carrying this source's name and confidence
 * @param problems one line per thing the source could not see, e.g. "nvidia-smi not installed (not on PATH)"
 */
public record GpuReadings(List<GpuInfo> gpus, List<String> problems) {
    public GpuReadings {
        gpus = List.copyOf(gpus);
        problems = List.copyOf(problems);
    }

    public static GpuReadings none(String why) {
        return new GpuReadings(List.of(), List.of(why));
    }
}
