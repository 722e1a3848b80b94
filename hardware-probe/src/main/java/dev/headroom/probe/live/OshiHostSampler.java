package dev.headroom.probe.live;

import dev.headroom.probe.CgroupMemoryParser;
import dev.headroom.sizing.hardware.MemoryInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/**
 * The live values of this machine from cheap sources: OSHI's CPU tick counters ({@code /proc/stat} on
 * Linux) and available memory ({@code /proc/meminfo}), the cgroup's {@code memory.max}/{@code memory.current}
 * (v1: {@code memory.limit_in_bytes}/{@code memory.usage_in_bytes}), and a {@link GpuSampler}. One sample
 * reads a handful of small kernel files; the full {@link dev.headroom.probe.SystemProbe} runs once at start-up.
 * Not thread-safe: {@link LiveSampler} calls it from its one thread.
 */
public final class OshiHostSampler implements HostSampler {
    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final Path cgroupRoot;
    private final GpuSampler gpus;
    private long[] previousTicks;

    /**
     * @param cgroupRoot where the cgroup file system is mounted ({@code /sys/fs/cgroup})
     * @param gpus the GPU reader
     */
    public OshiHostSampler(Path cgroupRoot, GpuSampler gpus) {
        SystemInfo si = new SystemInfo();
        this.processor = si.getHardware().getProcessor();
        this.memory = si.getHardware().getMemory();
        this.cgroupRoot = cgroupRoot;
        this.gpus = gpus;
        this.previousTicks = processor.getSystemCpuLoadTicks();
    }

    @Override
    public HostSample sample() {
        long[] ticks = processor.getSystemCpuLoadTicks();
        double load = ticksAdvanced(previousTicks, ticks) ? processor.getSystemCpuLoadBetweenTicks(previousTicks) : 0;
        previousTicks = ticks;
        load = Double.isNaN(load) ? 0 : Math.max(0, Math.min(1, load));
        return new HostSample(System.currentTimeMillis(), load, memoryNow(), gpus.sample());
    }

    private MemoryInfo memoryNow() {
        long limit = CgroupMemoryParser.parseLimit(read("memory.max"));
        long used = CgroupMemoryParser.parseUsage(read("memory.current"));
        if (limit < 0) {
            limit = CgroupMemoryParser.parseLimit(read("memory/memory.limit_in_bytes"));
            used = CgroupMemoryParser.parseUsage(read("memory/memory.usage_in_bytes"));
        }
        return new MemoryInfo(memory.getTotal(), memory.getAvailable(),
                limit > 0 ? limit : MemoryInfo.NO_LIMIT, limit > 0 ? used : 0);
    }

    private static boolean ticksAdvanced(long[] before, long[] after) {
        long sum = 0;
        for (int i = 0; i < after.length && i < before.length; i++) {
            sum += after[i] - before[i];
        }
        return sum > 0;
    }

    private String read(String file) {
        Path p = cgroupRoot.resolve(file);
        try {
            return Files.isReadable(p) ? Files.readString(p) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
