package dev.headroom.probe;

import dev.headroom.probe.command.BoundedCall;
import dev.headroom.probe.command.CommandOutcome;
import dev.headroom.probe.command.CommandRunner;
import dev.headroom.probe.cpu.ProcCpuinfo;
import dev.headroom.probe.disk.ModelDiskProbe;
import dev.headroom.probe.gpu.AmdSysfsGpuSource;
import dev.headroom.probe.gpu.AppleSilicon;
import dev.headroom.probe.gpu.AppleSysctlGpuSource;
import dev.headroom.probe.gpu.GpuLayering;
import dev.headroom.probe.gpu.GpuSource;
import dev.headroom.probe.gpu.IntelSysfsGpuSource;
import dev.headroom.probe.gpu.JcudaGpuSource;
import dev.headroom.probe.gpu.NvidiaSmiGpuSource;
import dev.headroom.probe.gpu.OshiGraphicsGpuSource;
import dev.headroom.probe.gpu.RocmSmiGpuSource;
import dev.headroom.probe.memory.CgroupLimits;
import dev.headroom.probe.memory.DmidecodeMemoryParser;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.CpuCaches;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.DiskInfo;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.hardware.Plausibility;
import dev.headroom.sizing.hardware.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/**
 * Probes this machine: CPU and RAM through OSHI, container limits from cgroup files, GPUs through the
 * layered {@link GpuSource}s, RAM modules through dmidecode (as root) and free disk space where models
 * live. Independent sources run in parallel and sources that cannot apply are not run. Never throws:
 * what it cannot see becomes a warning.
 */
public final class SystemProbe {
    private final ProbeSettings settings;

    public SystemProbe() {
        this(ProbeSettings.fromEnvironment());
    }

    /** @param cgroupRoot where the cgroup file system is mounted (a fixture directory in tests) */
    public SystemProbe(Path cgroupRoot) {
        this(ProbeSettings.fromEnvironment().withCgroupRoot(cgroupRoot));
    }

    public SystemProbe(ProbeSettings settings) {
        this.settings = settings;
    }

    /** The GPU sources in priority order. */
    public List<GpuSource> gpuSources() {
        CommandRunner runner = settings.runner();
        Path drm = settings.sysRoot().resolve("class/drm");
        return List.of(new JcudaGpuSource(settings.osName(), settings.procRoot(), settings.procRoot().resolveSibling("dev")), new NvidiaSmiGpuSource(runner),
                new RocmSmiGpuSource(runner), new AmdSysfsGpuSource(drm), new IntelSysfsGpuSource(drm),
                new AppleSysctlGpuSource(runner, settings.osName(), settings.osArch()),
                OshiGraphicsGpuSource.real(settings.osName(), settings.osArch(), drm, runner));
    }

    public HardwareProfile probe() {
        // Tasks that overran their wait may still add a note while the profile is assembled.
        List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Reading> readings = new ArrayList<>();
        // One thread per task (at most a dozen): a slow tool must not queue the others behind it.
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "headroom-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<GpuSource> sources = gpuSources();
            CompletableFuture<GpuLayering.Result> gpus = CompletableFuture.supplyAsync(
                    () -> GpuLayering.run(sources, pool, settings.gpuBudget()), pool);
            CompletableFuture<List<DmidecodeMemoryParser.Module>> modules = CompletableFuture.supplyAsync(
                    () -> memoryModules(warnings), pool);
            List<String> diskProblems = java.util.Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<List<DiskInfo>> disks = CompletableFuture.supplyAsync(() -> ModelDiskProbe.measure(
                    ModelDiskProbe.modelDirectories(settings.env(), settings.home(), settings.workingDir()), diskProblems), pool);

            CgroupLimits limits = CgroupLimits.read(settings.cgroupRoot(), read(settings.procRoot().resolve("self/cgroup")));
            // OSHI runs lshw, dmidecode and lspci through Runtime.exec without a time limit (on the calling
            // thread, even in class initialisers): each OSHI call runs bounded, off the main path.
            Duration oshiLimit = settings.runner().timeout().plusSeconds(1);
            SystemInfo si = new SystemInfo();
            List<Reading> cpuReadings = java.util.Collections.synchronizedList(new ArrayList<>());
            BoundedCall.Pending<CpuInfo> cpuCall = BoundedCall.start("CPU details (OSHI, which runs lshw and dmidecode)",
                    oshiLimit, () -> cpu(si.getHardware().getProcessor(), limits, cpuReadings));
            BoundedCall.Pending<long[]> memCall = BoundedCall.start("RAM totals (OSHI)", oshiLimit, () -> {
                GlobalMemory m = si.getHardware().getMemory();
                return new long[] {m.getTotal(), m.getAvailable(), m.getVirtualMemory().getSwapTotal(),
                        m.getVirtualMemory().getSwapUsed()};
            });
            BoundedCall.Pending<String> hostCall = BoundedCall.start("host name (OSHI, which may ask DNS or run hostname)",
                    oshiLimit, () -> hostName(si));
            BoundedCall.Pending<String> osCall = BoundedCall.start("operating system (OSHI, which may run lsb_release)",
                    oshiLimit, () -> si.getOperatingSystem().toString());
            CpuInfo cpu = cpuCall.get(() -> cpuFromProc(limits, cpuReadings), warnings);
            synchronized (cpuReadings) {
                readings.addAll(cpuReadings);
            }
            long[] ram = memCall.get(this::memoryFromProc, warnings);
            long limit = limits.memoryLimitBytes();
            if (limit > 0) {
                readings.add(new Reading("memory.limitBytes", "cgroup " + limits.memorySource(), Confidence.HIGH));
            }

            GpuLayering.Result gpuResult = await(gpus, settings.gpuBudget().toMillis() + 1000,
                    new GpuLayering.Result(List.of(), List.of()), warnings);
            List<DmidecodeMemoryParser.Module> mods = await(modules, settings.runner().timeout().toMillis() + 1000, List.of(), warnings);
            double bandwidth = DmidecodeMemoryParser.bandwidthBytesPerSecond(mods);
            readings.add(bandwidth > 0
                    ? new Reading("memory.bandwidthBytesPerSecond", "dmidecode (module speed × 8 bytes × modules)", Confidence.LOW)
                    : new Reading("memory.modules", "unknown: " + whyNoModules(), Confidence.LOW));
            long swapTotal = Math.max(0, ram[2]);
            long swapFree = Math.max(0, swapTotal - Math.max(0, ram[3]));
            MemoryInfo memory = new MemoryInfo(ram[0], Math.max(0, ram[1]), limit > 0 ? limit : MemoryInfo.NO_LIMIT,
                    limit > 0 ? limits.memoryUsedBytes() : 0, swapTotal, swapFree, bandwidth,
                    mods.isEmpty() ? "" : DmidecodeMemoryParser.describe(mods) + " (dmidecode)");
            readings.add(new Reading("memory.totalBytes", "OSHI (/proc/meminfo on Linux)", Confidence.HIGH));

            AppleSilicon mac = sources.stream().filter(s -> s instanceof AppleSysctlGpuSource)
                    .map(s -> ((AppleSysctlGpuSource) s).lastRead()).filter(m -> m != null).findFirst().orElse(null);
            if (mac != null) {
                cpu = withApple(cpu, mac);
                readings.add(new Reading("cpu.performanceCores", "sysctl hw.perflevel*", Confidence.HIGH));
            }
            List<GpuInfo> gpuList = new ArrayList<>();
            for (GpuInfo g : gpuResult.gpus()) {
                gpuList.add(fillUnified(g, memory));
                readings.add(new Reading("gpu" + g.index() + ".memoryTotalBytes", g.source(), g.confidence()));
            }
            warnings.addAll(gpuResult.notes());
            // A stale network mount can hang a file-system query: disks are worth a note, not the probe.
            List<DiskInfo> diskList = await(disks, 5000, List.of(), warnings);
            synchronized (diskProblems) {
                warnings.addAll(diskProblems);
            }
            String host = hostCall.get(SystemProbe::hostFromEnvironment, warnings);
            String os = osCall.get(() -> System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", ""),
                    warnings);
            List<String> notes;
            synchronized (warnings) {
                notes = List.copyOf(warnings);
            }
            return Plausibility.check(new HardwareProfile(host, os, cpu, memory, gpuList, notes, diskList, readings));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The task's result, or {@code fallback} (with a note) when it fails or takes longer than {@code millis}. */
    private static <T> T await(CompletableFuture<T> task, long millis, T fallback, List<String> warnings) {
        try {
            return task.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("probe interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            task.cancel(true);
            warnings.add("a probe task did not finish within " + millis + " ms: " + e.getClass().getSimpleName());
            return fallback;
        }
    }

    private CpuInfo cpu(CentralProcessor p, CgroupLimits limits, List<Reading> readings) {
        int logical = Math.max(1, p.getLogicalProcessorCount());
        double quota = limits.cpus();
        if (quota > 0) {
            readings.add(new Reading("cpu.effectiveCores", "cgroup " + limits.cpuSource(), Confidence.HIGH));
        }
        // CPU affinity and cpusets (taskset, docker --cpuset-cpus) are what the JVM schedules on.
        int allowed = Runtime.getRuntime().availableProcessors();
        double effective = effectiveCores(logical, quota, allowed);
        if (effective < logical && effective != quota) {
            readings.add(new Reading("cpu.effectiveCores", "CPU affinity / cpuset (JVM availableProcessors)", Confidence.HIGH));
        }
        String micro = p.getProcessorIdentifier().getMicroarchitecture();
        if (micro == null || micro.isBlank() || micro.equalsIgnoreCase("unknown")) {
            String cpuinfo = read(settings.procRoot().resolve("cpuinfo"));
            micro = cpuinfo == null ? "" : ProcCpuinfo.parse(cpuinfo).microarchitecture();
        }
        int performance = 0;
        int efficiency = 0;
        List<CentralProcessor.PhysicalProcessor> cores = p.getPhysicalProcessors();
        int maxEff = cores.stream().mapToInt(CentralProcessor.PhysicalProcessor::getEfficiency).max().orElse(0);
        if (cores.stream().mapToInt(CentralProcessor.PhysicalProcessor::getEfficiency).distinct().count() > 1) {
            performance = (int) cores.stream().filter(c -> c.getEfficiency() == maxEff).count();
            efficiency = cores.size() - performance;
        }
        long l1d = 0;
        long l2 = 0;
        long l3 = 0;
        for (CentralProcessor.ProcessorCache c : p.getProcessorCaches()) {
            long size = Integer.toUnsignedLong(c.getCacheSize());
            if (c.getLevel() == 1 && c.getType() != CentralProcessor.ProcessorCache.Type.INSTRUCTION) {
                l1d = Math.max(l1d, size);
            } else if (c.getLevel() == 2) {
                l2 = Math.max(l2, size);
            } else if (c.getLevel() == 3) {
                l3 = Math.max(l3, size);
            }
        }
        readings.add(new Reading("cpu", "OSHI", Confidence.HIGH));
        return new CpuInfo(p.getProcessorIdentifier().getVendor(), p.getProcessorIdentifier().getName().trim(),
                p.getPhysicalProcessorCount(), logical, effective,
                CpuFeatures.normalise(p.getFeatureFlags()), micro == null ? "" : micro, performance, efficiency,
                maxFrequencyHz(p), new CpuCaches(l1d, l2, l3));
    }

    /**
     * The highest core clock in Hz, 0 when unknown. On Linux OSHI's {@code getMaxFreq()} runs
     * {@code lshw -class processor} every time, without a time limit (seconds where lshw is installed), so the
     * kernel's {@code cpufreq/cpuinfo_max_freq} (kHz) is read instead, falling back to the clock in the
     * model name ("@ 2.80GHz"); virtual machines often have neither.
     */
    private long maxFrequencyHz(CentralProcessor p) {
        if (!settings.osName().toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return Math.max(0, p.getMaxFreq());
        }
        long hz = sysfsMaxFrequencyHz();
        return hz > 0 ? hz : Math.max(0, p.getProcessorIdentifier().getVendorFreq());
    }

    /** The kernel's highest {@code cpufreq/cpuinfo_max_freq} in Hz, 0 when there is none. */
    private long sysfsMaxFrequencyHz() {
        long maxKhz = 0;
        Path cpus = settings.sysRoot().resolve("devices/system/cpu");
        try (java.nio.file.DirectoryStream<Path> dirs = Files.newDirectoryStream(cpus, "cpu[0-9]*")) {
            for (Path cpu : dirs) {
                String text = read(cpu.resolve("cpufreq/cpuinfo_max_freq"));
                if (text != null && text.strip().matches("[0-9]{1,10}")) {
                    maxKhz = Math.max(maxKhz, Long.parseLong(text.strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no cpufreq: fall through to the model name's clock
        }
        return maxKhz * 1000;
    }

    /** The fewest CPUs among the host's, a cgroup quota (-1 for none) and the CPUs this process may run on. */
    static double effectiveCores(int logical, double quota, int allowed) {
        double cores = logical;
        if (quota > 0) {
            cores = Math.min(cores, quota);
        }
        if (allowed > 0) {
            cores = Math.min(cores, allowed);
        }
        return cores;
    }

    private static CpuInfo withApple(CpuInfo cpu, AppleSilicon mac) {
        return new CpuInfo(cpu.vendor(), cpu.model(), cpu.physicalCores(), cpu.logicalCores(), cpu.effectiveCores(),
                mac.features().isEmpty() ? cpu.features() : mac.features(),
                mac.microarchitecture().isEmpty() ? cpu.microarchitecture() : mac.microarchitecture(),
                mac.performanceCores(), mac.efficiencyCores(), cpu.maxFrequencyHz(),
                mac.caches().l1dBytes() > 0 ? mac.caches() : cpu.caches());
    }

    /** A unified-memory GPU without its own size (GB10 via nvidia-smi) can use what the host can give. */
    static GpuInfo fillUnified(GpuInfo g, MemoryInfo memory) {
        if (!g.unifiedMemory() || g.memoryTotalBytes() > 0) {
            return g;
        }
        return new GpuInfo(g.index(), g.vendor(), g.name(), memory.effectiveTotalBytes(), memory.effectiveAvailableBytes(),
                true, g.source(), g.computeCapability(), g.multiprocessors(), g.bandwidthBytesPerSecond(), g.pciId(),
                Confidence.LOW, (g.note().isEmpty() ? "" : g.note() + "; ") + "size taken from host RAM");
    }

    private List<DmidecodeMemoryParser.Module> memoryModules(List<String> warnings) {
        // dmidecode reads /dev/mem or the SMBIOS tables, which only root may read; do not spawn it otherwise.
        if (!settings.osName().toLowerCase(java.util.Locale.ROOT).startsWith("linux") || !settings.root()
                || settings.runner().find("dmidecode").isEmpty()) {
            return List.of();
        }
        CommandOutcome out = settings.runner().run("dmidecode", "-t", "17");
        if (!out.succeeded()) {
            warnings.add("memory modules unknown: dmidecode unavailable: " + out.reason());
            return List.of();
        }
        return DmidecodeMemoryParser.parse(out.output());
    }

    private String whyNoModules() {
        if (!settings.osName().toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return "read with dmidecode on Linux only";
        }
        if (!settings.root()) {
            return "dmidecode needs root";
        }
        return settings.runner().find("dmidecode").isEmpty() ? "dmidecode not on PATH" : "dmidecode listed no modules";
    }

    /** CPU facts from /proc/cpuinfo and sysfs alone, when OSHI did not answer. */
    private CpuInfo cpuFromProc(CgroupLimits limits, List<Reading> readings) {
        ProcCpuinfo info = ProcCpuinfo.parse(read(settings.procRoot().resolve("cpuinfo")));
        int logical = Math.max(1, info.logicalProcessors() > 0 ? info.logicalProcessors() : Runtime.getRuntime().availableProcessors());
        double effective = effectiveCores(logical, limits.cpus(), Runtime.getRuntime().availableProcessors());
        readings.add(new Reading("cpu", "/proc/cpuinfo (OSHI did not answer)", Confidence.MEDIUM));
        return new CpuInfo(info.vendor(), info.model(), info.physicalCores(), logical, effective, info.features(),
                info.microarchitecture(), 0, 0, sysfsMaxFrequencyHz(), CpuCaches.UNKNOWN);
    }

    /** Total, available, swap total and swap used bytes from /proc/meminfo, when OSHI did not answer. */
    private long[] memoryFromProc() {
        String text = read(settings.procRoot().resolve("meminfo"));
        long total = meminfo(text, "MemTotal");
        if (total <= 0) {
            throw new IllegalStateException("RAM size unknown: OSHI did not answer and /proc/meminfo has no MemTotal");
        }
        long swapTotal = Math.max(0, meminfo(text, "SwapTotal"));
        return new long[] {total, Math.max(0, meminfo(text, "MemAvailable")), swapTotal,
                swapTotal - Math.max(0, meminfo(text, "SwapFree"))};
    }

    /** A /proc/meminfo field in bytes, -1 when absent. */
    static long meminfo(String text, String field) {
        if (text == null) {
            return -1;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith(field + ":")) {
                String digits = line.substring(field.length() + 1).replace("kB", "").strip();
                if (digits.matches("[0-9]{1,15}")) {
                    return Long.parseLong(digits) * 1024;
                }
            }
        }
        return -1;
    }

    private static String hostFromEnvironment() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            h = read(Path.of("/proc/sys/kernel/hostname"));
        }
        return h == null || h.isBlank() ? "unknown" : h.strip();
    }

    private static String hostName(SystemInfo si) {
        try {
            return si.getOperatingSystem().getNetworkParams().getHostName();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    static String read(Path file) {
        try {
            return Files.isReadable(file) && Files.size(file) < (8 << 20) ? Files.readString(file) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
