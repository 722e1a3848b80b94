package dev.headroom.probe.memory;

import dev.headroom.probe.CgroupMemoryParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory and CPU limits a container (or systemd slice) puts on this process, from the cgroup file
 * system. The process's own cgroup comes from {@code /proc/self/cgroup}: {@code 0::/path} on v2 (one
 * hierarchy), {@code N:memory:/path} and {@code N:cpu,cpuacct:/path} on v1. Limits apply from every
 * ancestor, so the smallest along the path to the root wins. Inside a container the path named in
 * {@code /proc/self/cgroup} is often not mounted (the container's own cgroup is the mount root), so the
 * root itself is always checked too.
 *
 * @param memoryLimitBytes the tightest memory limit, or -1 when none
 * @param memoryUsedBytes what that cgroup uses now (0 when unknown)
 * @param cpus CPUs allowed by the tightest quota ({@code cpu.max} or {@code cfs_quota_us / cfs_period_us}), or -1
 * @param memorySource the file the memory limit came from, empty when none
 * @param cpuSource the file the CPU quota came from, empty when none
 */
public record CgroupLimits(long memoryLimitBytes, long memoryUsedBytes, double cpus, String memorySource, String cpuSource) {
    public static final CgroupLimits NONE = new CgroupLimits(-1, 0, -1, "", "");

    /**
     * @param cgroupRoot where the cgroup file system is mounted ({@code /sys/fs/cgroup})
     * @param procSelfCgroup the text of {@code /proc/self/cgroup}, or null when unreadable (only the root is checked)
     */
    public static CgroupLimits read(Path cgroupRoot, String procSelfCgroup) {
        String v2Path = "/";
        String v1MemoryPath = null;
        String v1CpuPath = null;
        String v1CpuController = "cpu,cpuacct";
        if (procSelfCgroup != null) {
            for (String line : procSelfCgroup.lines().limit(100).toList()) {
                String[] parts = line.split(":", 3);
                if (parts.length != 3) {
                    continue;
                }
                if (parts[0].equals("0") && parts[1].isEmpty()) {
                    v2Path = parts[2];
                }
                for (String controller : parts[1].split(",")) {
                    if (controller.equals("memory")) {
                        v1MemoryPath = parts[2];
                    } else if (controller.equals("cpu")) {
                        v1CpuPath = parts[2];
                        v1CpuController = parts[1];
                    }
                }
            }
        }
        Tightest memory = new Tightest();
        Tightest cpu = new Tightest();
        // v2: memory.max / memory.current and cpu.max in each directory up from the process's cgroup.
        for (Path dir : upFrom(cgroupRoot, v2Path)) {
            long limit = CgroupMemoryParser.parseLimit(read(dir.resolve("memory.max")));
            if (limit > 0) {
                memory.offer(limit, CgroupMemoryParser.parseUsage(read(dir.resolve("memory.current"))), dir.resolve("memory.max"));
            }
            double cpus = CgroupMemoryParser.parseCpuMax(read(dir.resolve("cpu.max")));
            if (cpus > 0) {
                cpu.offer(cpus, 0, dir.resolve("cpu.max"));
            }
        }
        // v1: per-controller hierarchies.
        for (Path dir : upFrom(cgroupRoot.resolve("memory"), v1MemoryPath == null ? "/" : v1MemoryPath)) {
            long limit = CgroupMemoryParser.parseLimit(read(dir.resolve("memory.limit_in_bytes")));
            if (limit > 0) {
                memory.offer(limit, CgroupMemoryParser.parseUsage(read(dir.resolve("memory.usage_in_bytes"))),
                        dir.resolve("memory.limit_in_bytes"));
            }
        }
        Path cpuRoot = Files.isDirectory(cgroupRoot.resolve(v1CpuController)) ? cgroupRoot.resolve(v1CpuController) : cgroupRoot.resolve("cpu");
        for (Path dir : upFrom(cpuRoot, v1CpuPath == null ? "/" : v1CpuPath)) {
            double cpus = quotaCpus(read(dir.resolve("cpu.cfs_quota_us")), read(dir.resolve("cpu.cfs_period_us")));
            if (cpus > 0) {
                cpu.offer(cpus, 0, dir.resolve("cpu.cfs_quota_us"));
            }
        }
        return new CgroupLimits(memory.found() ? (long) memory.value : -1, memory.found() ? memory.used : 0,
                cpu.found() ? cpu.value : -1, memory.found() ? memory.source.toString() : "",
                cpu.found() ? cpu.source.toString() : "");
    }

    /** v1 CPU quota: {@code cfs_quota_us} / {@code cfs_period_us}; a quota of -1 means none. */
    static double quotaCpus(String quota, String period) {
        if (quota == null || period == null) {
            return -1;
        }
        try {
            double q = Double.parseDouble(quota.strip());
            double p = Double.parseDouble(period.strip());
            return q > 0 && p > 0 ? q / p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The cgroup directory of {@code path} under {@code root} and each ancestor up to {@code root} itself. */
    static List<Path> upFrom(Path root, String path) {
        List<Path> dirs = new ArrayList<>();
        String rel = path == null ? "" : path.strip();
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        if (rel.contains("..")) {
            rel = "";
        }
        Path dir = rel.isEmpty() ? root : root.resolve(rel).normalize();
        while (dir != null && dir.startsWith(root)) {
            dirs.add(dir);
            if (dir.equals(root)) {
                break;
            }
            dir = dir.getParent();
        }
        if (!dirs.contains(root)) {
            dirs.add(root);
        }
        return dirs;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) < 4096 ? Files.readString(file) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static final class Tightest {
        double value = Double.MAX_VALUE;
        long used;
        Path source;

        void offer(double v, long usedNow, Path from) {
            if (v < value) {
                value = v;
                used = usedNow;
                source = from;
            }
        }

        boolean found() {
            return source != null;
        }
    }
}
