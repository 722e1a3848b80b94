package dev.headroom.probe;

import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/** Probes this machine with OSHI, cgroup files and JCuda. Never throws: what it cannot see becomes a warning. */
public final class SystemProbe {
    private final Path cgroupRoot;

    public SystemProbe() {
        this(Path.of("/sys/fs/cgroup"));
    }

    /** @param cgroupRoot where the cgroup file system is mounted (a fixture directory in tests) */
    public SystemProbe(Path cgroupRoot) {
        this.cgroupRoot = cgroupRoot;
    }

    public HardwareProfile probe() {
        List<String> warnings = new ArrayList<>();
        SystemInfo si = new SystemInfo();
        CentralProcessor p = si.getHardware().getProcessor();
        double quota = CgroupMemoryParser.parseCpuMax(read(cgroupRoot.resolve("cpu.max")));
        int logical = p.getLogicalProcessorCount();
        CpuInfo cpu = new CpuInfo(p.getProcessorIdentifier().getVendor(), p.getProcessorIdentifier().getName().trim(),
                p.getPhysicalProcessorCount(), logical, quota > 0 ? Math.min(quota, logical) : logical,
                CpuFeatures.normalise(p.getFeatureFlags()));

        GlobalMemory mem = si.getHardware().getMemory();
        long limit = CgroupMemoryParser.parseLimit(read(cgroupRoot.resolve("memory.max")));
        long used = CgroupMemoryParser.parseUsage(read(cgroupRoot.resolve("memory.current")));
        if (limit < 0) {
            limit = CgroupMemoryParser.parseLimit(read(cgroupRoot.resolve("memory/memory.limit_in_bytes")));
            used = CgroupMemoryParser.parseUsage(read(cgroupRoot.resolve("memory/memory.usage_in_bytes")));
        }
        MemoryInfo memory = new MemoryInfo(mem.getTotal(), mem.getAvailable(),
                limit > 0 ? limit : MemoryInfo.NO_LIMIT, limit > 0 ? used : 0);

        List<GpuInfo> gpus = JcudaProbe.probe(warnings);
        String host = si.getOperatingSystem().getNetworkParams().getHostName();
        String os = si.getOperatingSystem().toString();
        return new HardwareProfile(host, os, cpu, memory, gpus, warnings);
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
