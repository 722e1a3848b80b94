package dev.headroom.probe.gpu;

import dev.headroom.probe.CpuFeatures;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.CpuCaches;
import dev.headroom.sizing.hardware.GpuInfo;
import java.util.List;
import java.util.Map;

/**
 * An Apple Silicon Mac as {@code sysctl hw machdep.cpu iogpu} describes it: the chip, unified memory, the
 * GPU's usable share of it, performance and efficiency cores, caches and CPU features.
 *
 * <p>The GPU may wire at most {@code iogpu.wired_limit_mb} MiB when that is set (non-zero). At 0 (the
 * default) macOS applies its own limit, Metal's {@code recommendedMaxWorkingSetSize}, which Apple does not
 * document. Observed values: 10922 MiB on a 16 GiB M1 (exactly 2/3; mlx-lm's "maximum recommended size"
 * warning) and about 84% on a 128 GiB M5 Max under macOS 26 (107.5 GiB in Ollama's log). We assume 2/3 up
 * to 36 GiB and 3/4 above, and say so with {@link Confidence#LOW}.
 *
 * @param chip e.g. {@code Apple M2 Max}
 * @param microarchitecture the XNU CPU family, e.g. {@code Avalanche/Blizzard (M2)}
 * @param memoryBytes unified memory ({@code hw.memsize})
 * @param gpuUsableBytes what the GPU may use of it
 * @param gpuShareConfidence {@link Confidence#MEDIUM} when from {@code iogpu.wired_limit_mb}, else {@link Confidence#LOW}
 * @param gpuShareNote how {@code gpuUsableBytes} was obtained
 */
public record AppleSilicon(String chip, String microarchitecture, long memoryBytes, long gpuUsableBytes,
                           Confidence gpuShareConfidence, String gpuShareNote, int performanceCores, int efficiencyCores,
                           int logicalCores, CpuCaches caches, List<String> features) {
    /** Below or at this, macOS's default GPU working set is 2/3 of RAM; above, 3/4. */
    static final long SMALL_MAC_BYTES = 36L << 30;

    public AppleSilicon {
        features = List.copyOf(features);
    }

    /** macOS's default GPU working set of a Mac with {@code memoryBytes} of unified memory: 2/3 up to 36 GiB, 3/4 above (see the class comment). */
    public static long defaultGpuUsableBytes(long memoryBytes) {
        return memoryBytes <= SMALL_MAC_BYTES ? memoryBytes / 3 * 2 : memoryBytes / 4 * 3;
    }

    /** The Mac described by parsed sysctl values, or null when {@code hw.memsize} is missing (not a Mac, or garbage). */
    public static AppleSilicon from(Map<String, String> sysctl) {
        long mem = SysctlParser.number(sysctl, "hw.memsize");
        if (mem <= 0) {
            return null;
        }
        long family = SysctlParser.number(sysctl, "hw.cpufamily");
        String[] fam = family(family);
        String brand = sysctl.getOrDefault("machdep.cpu.brand_string", "").strip();
        String chip = brand.isEmpty() ? fam[1] : brand;
        long wiredMb = SysctlParser.number(sysctl, "iogpu.wired_limit_mb");
        long gpu;
        Confidence confidence;
        String note;
        if (wiredMb > 0) {
            gpu = Math.min(mem, wiredMb << 20);
            confidence = Confidence.MEDIUM;
            note = "GPU limit iogpu.wired_limit_mb = " + wiredMb + " MiB";
        } else {
            boolean small = mem <= SMALL_MAC_BYTES;
            gpu = defaultGpuUsableBytes(mem);
            confidence = Confidence.LOW;
            note = "GPU share of unified memory assumed " + (small ? "2/3" : "3/4")
                    + " (macOS default; iogpu.wired_limit_mb " + (wiredMb == 0 ? "= 0" : "not set") + ")";
        }
        int p = (int) Math.max(0, SysctlParser.number(sysctl, "hw.perflevel0.physicalcpu"));
        int e = (int) Math.max(0, SysctlParser.number(sysctl, "hw.perflevel1.physicalcpu"));
        int logical = (int) Math.max(0, SysctlParser.number(sysctl, "hw.logicalcpu"));
        long l1d = Math.max(0, SysctlParser.number(sysctl, "hw.perflevel0.l1dcachesize"));
        long l2 = Math.max(0, SysctlParser.number(sysctl, "hw.perflevel0.l2cachesize"));
        if (l1d == 0) {
            l1d = Math.max(0, SysctlParser.number(sysctl, "hw.l1dcachesize"));
            l2 = Math.max(0, SysctlParser.number(sysctl, "hw.l2cachesize"));
        }
        return new AppleSilicon(chip, fam[0], mem, gpu, confidence, note, p, e, logical, new CpuCaches(l1d, l2, 0),
                CpuFeatures.fromSysctl(sysctl));
    }

    /** The GPU as a reading of the {@code sysctl} source. */
    public GpuInfo gpu() {
        return new GpuInfo(0, "Apple", chip, gpuUsableBytes, GpuInfo.UNKNOWN, true, "sysctl", "", 0, 0, "",
                gpuShareConfidence, gpuShareNote);
    }

    /**
     * {@code hw.cpufamily} values from XNU's {@code mach/machine.h} (as listed in LLVM's {@code Host.cpp}):
     * {microarchitecture, chip generation}.
     */
    static String[] family(long value) {
        int v = (int) value;
        switch (v) {
            case 0x1b588bb3: return new String[] {"Firestorm/Icestorm (M1)", "Apple M1"};
            case 0xda33d83d: return new String[] {"Avalanche/Blizzard (M2)", "Apple M2"};
            case 0xfa33415e: return new String[] {"Ibiza (M3)", "Apple M3"};
            case 0x5f4dea93: return new String[] {"Lobos (M3 Pro)", "Apple M3 Pro"};
            case 0x72015832: return new String[] {"Palma (M3 Max)", "Apple M3 Max"};
            case 0x6f5129ac: return new String[] {"Donan (M4)", "Apple M4"};
            case 0x17d5b93a: return new String[] {"Brava (M4 Pro/Max)", "Apple M4 Pro/Max"};
            case 0x1d5a87e8: return new String[] {"Hidra (M5)", "Apple M5"};
            case 0xf76c5b1a: return new String[] {"Sotra (M5 Pro/Max)", "Apple M5 Pro/Max"};
            default: return new String[] {"", "Apple Silicon"};
        }
    }
}
