package dev.headroom.advisor;

import dev.headroom.advisor.config.CalibrationStore;
import dev.headroom.advisor.config.QuickBandwidthStore;
import dev.headroom.advisor.profile.SavedProfileReader;
import dev.headroom.catalog.AcceleratorCatalog;
import dev.headroom.catalog.AcceleratorSpec;
import dev.headroom.catalog.DeviceMatch;
import dev.headroom.probe.SystemProbe;
import dev.headroom.probe.gpu.AppleSilicon;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.speed.DefaultCeilings;
import dev.headroom.sizing.speed.DeviceClass;
import dev.headroom.sizing.speed.MemoryTechnology;
import dev.headroom.sizing.speed.SpeedCeilings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The only place machines are built: this machine (probed), a saved profile, or a machine described by
 * device names; each enriched the same way (calibration for the CPU, accelerator catalog x class constants
 * for the GPUs). Every surface gets its {@link Machine} here.
 */
public final class Machines {
    private final AcceleratorCatalog accelerators;
    private final Supplier<HardwareProfile> probe;
    private final Supplier<Calibration> storedCalibration;
    private final java.util.function.Function<dev.headroom.sizing.hardware.CpuInfo, QuickBandwidthStore.Measurement> quickBandwidth;
    /** Why the stored calibration could not be used (unreadable, implausible), or null; said in the machine's notes. */
    private final Supplier<String> calibrationProblem;
    /** Why the stored calibration could not be used (an unreadable or implausible file), or null: said in every machine's notes. */

    /**
     * @param accelerators datasheets for GPU ceilings and device names
     * @param probe this machine's facts
     * @param storedCalibration this machine's {@code headroom bench} calibration, or null
     */
    public Machines(AcceleratorCatalog accelerators, Supplier<HardwareProfile> probe, Supplier<Calibration> storedCalibration) {
        this(accelerators, probe, storedCalibration, null);
    }

    /**
     * @param quickBandwidth this machine's in-process read-bandwidth measurement for its CPU (cached), used for the probed
     *                       machine's uncalibrated CPU instead of the core-count default; null for none
     */
    public Machines(AcceleratorCatalog accelerators, Supplier<HardwareProfile> probe, Supplier<Calibration> storedCalibration,
                    java.util.function.Function<dev.headroom.sizing.hardware.CpuInfo, QuickBandwidthStore.Measurement> quickBandwidth) {
        this(accelerators, probe, storedCalibration, quickBandwidth, null);
    }

    private Machines(AcceleratorCatalog accelerators, Supplier<HardwareProfile> probe, Supplier<Calibration> storedCalibration,
                     java.util.function.Function<dev.headroom.sizing.hardware.CpuInfo, QuickBandwidthStore.Measurement> quickBandwidth,
                     Supplier<String> calibrationProblem) {
        this.accelerators = accelerators;
        this.probe = probe;
        this.storedCalibration = storedCalibration;
        this.quickBandwidth = quickBandwidth;
        this.calibrationProblem = calibrationProblem;
    }

    /** The bundled accelerator catalog, the real probe, and the calibration in the user's config directory. */
    public static Machines standard() {
        java.util.concurrent.atomic.AtomicReference<String> problem = new java.util.concurrent.atomic.AtomicReference<>();
        return new Machines(AcceleratorCatalog.bundled(), () -> new SystemProbe().probe(), () -> {
            try {
                problem.set(null);
                return CalibrationStore.forUser().load();
            } catch (IllegalArgumentException unreadable) {
                // Not silently: the machine's notes say the calibration was ignored and why (run 'headroom bench' again).
                problem.set(unreadable.getMessage());
                return null;
            }
        }, cpu -> QuickBandwidthStore.forUser().forCpu(cpu), problem::get);
    }

    /** {@code machine} with a note that the stored calibration was ignored, when it was. */
    private Machine withCalibrationProblem(Machine machine) {
        String problem = calibrationProblem == null ? null : calibrationProblem.get();
        if (problem == null || machine.calibration() != null) {
            return machine;
        }
        List<String> notes = new ArrayList<>(machine.notes());
        notes.add("stored calibration ignored: " + problem + " (run 'headroom bench' again)");
        return new Machine(machine.hardware(), null, machine.origin(), machine.cpu(), machine.gpu(), notes);
    }

    public AcceleratorCatalog accelerators() {
        return accelerators;
    }

    /** This machine's facts alone (no enrichment), for {@code probe}. */
    public HardwareProfile probeFacts() {
        return probe.get();
    }

    /** The calibration stored for this machine's CPU, or null. */
    public Calibration storedCalibrationFor(HardwareProfile hw) {
        Calibration c = storedCalibration.get();
        return c != null && c.cpuModel().equals(hw.cpu().model()) ? c : null;
    }

    /** This machine, probed now, with its stored calibration unless {@code useCalibration} is false. */
    public Machine probed(boolean useCalibration) {
        HardwareProfile hw = probe.get();
        Calibration c = useCalibration ? storedCalibrationFor(hw) : null;
        if (c == null && quickBandwidth != null) {
            // Uncalibrated: this machine's read bandwidth, measured in-process on first use (cached), not a core-count guess.
            QuickBandwidthStore.Measurement m = quickBandwidth.apply(hw.cpu());
            if (m != null && m.bytesPerSecond() > 0) {
                return useCalibration ? withCalibrationProblem(withMeasuredBandwidth(hw, m, "probed")) : withMeasuredBandwidth(hw, m, "probed");
            }
        }
        Machine machine = of(hw, c, "probed");
        return useCalibration ? withCalibrationProblem(machine) : machine;
    }

    /** A machine saved with {@code probe --json} (with the calibration it carries, unless {@code useCalibration} is false). */
    public Machine fromProfile(Path file, boolean useCalibration) {
        SavedProfileReader.Saved saved = SavedProfileReader.readSaved(file);
        Calibration c = useCalibration ? saved.calibration() : null;
        if (c == null && saved.quickBandwidth() != null) {
            // The bandwidth measured where the profile was probed, not this machine's.
            return withMeasuredBandwidth(saved.hardware(), saved.quickBandwidth(), "profile " + file);
        }
        return of(saved.hardware(), c, "profile " + file);
    }

    /** This machine's in-process bandwidth measurement for its CPU (cached), or null without one; {@code probe --json} saves it. */
    public QuickBandwidthStore.Measurement quickBandwidthFor(HardwareProfile hw) {
        return quickBandwidth == null ? null : quickBandwidth.apply(hw.cpu());
    }

    private Machine withMeasuredBandwidth(HardwareProfile hw, QuickBandwidthStore.Measurement m, String origin) {
        Machine base = of(hw, null, origin);
        SpeedCeilings cpu = DefaultCeilings.forCpu(hw.cpu(), hw.memory().bandwidthBytesPerSecond(), m.bytesPerSecond(), m.note());
        return new Machine(hw, null, origin, cpu, base.gpu(), base.notes());
    }

    /**
     * A machine described by accelerator names ({@code "RTX 4090"}, {@code "2x A100 80GB"}, {@code "M3 Max 40-core 64GB"}):
     * those GPUs, idle (free = total), in this machine's host (CPU, RAM) unless {@code ramBytes} overrides the RAM.
     * An Apple chip is the whole machine: unified memory of its configuration, the GPU's default working-set share.
     *
     * @param ramBytes host RAM to assume, or null for this machine's
     * @param vramBytes memory per GPU to assume, or null for the catalog's
     * @throws IllegalArgumentException (one line) for unknown or ambiguous names
     */
    public Machine described(String deviceQuery, Long ramBytes, Long vramBytes, boolean useCalibration) {
        DeviceMatch m = accelerators.resolve(deviceQuery);
        AcceleratorSpec spec = m.spec();
        long perDevice = vramBytes != null ? vramBytes : m.memoryBytesPerDevice();
        List<String> warnings = new ArrayList<>();
        warnings.addAll(m.assumptions());
        if (spec.unifiedMemory()) {
            long unified = ramBytes != null ? ramBytes : perDevice;
            boolean apple = spec.vendor().equalsIgnoreCase("Apple");
            // macOS lets the GPU wire 2/3 or 3/4 of unified memory by default; other unified SoCs (Jetson, GB10)
            // let the GPU allocate all of it, less what the OS holds (10%, an assumption stated in the warning).
            long gpuShare = vramBytes != null ? vramBytes : apple ? AppleSilicon.defaultGpuUsableBytes(unified) : unified / 10 * 9;
            CpuInfo cpu = new CpuInfo(spec.vendor(), spec.name(), 0, ASSUMED_APPLE_CORES, ASSUMED_APPLE_CORES,
                    apple ? List.of("neon", "asimd") : List.of("neon", "asimd", "sve"));
            MemoryInfo mem = new MemoryInfo(unified, unified, MemoryInfo.NO_LIMIT, 0, 0, 0, spec.bandwidthBytesPerSecond(), "catalog: " + m.label());
            GpuInfo gpu = new GpuInfo(0, spec.vendor(), spec.name(), gpuShare, GpuInfo.UNKNOWN, true, "catalog", "", 0,
                    spec.bandwidthBytesPerSecond(), "", Confidence.LOW, apple ? "GPU share of unified memory: macOS default (2/3 up to 36 GiB, 3/4 above)"
                    : "GPU share of unified memory: 90% assumed (the OS holds the rest)");
            warnings.add("described machine: " + m.label() + "; CPU cores assumed " + ASSUMED_APPLE_CORES);
            HardwareProfile hw = new HardwareProfile("described", apple ? "macOS" : "Linux", cpu, mem, List.of(gpu), warnings);
            return of(hw, null, "device " + m.label());
        }
        HardwareProfile host = probe.get();
        List<GpuInfo> gpus = new ArrayList<>();
        String pci = spec.pciIds().isEmpty() ? "" : spec.pciIds().get(0);
        for (int i = 0; i < m.count(); i++) {
            gpus.add(new GpuInfo(i, spec.vendor(), spec.name(), perDevice, perDevice, false, "catalog", "", 0,
                    spec.bandwidthBytesPerSecond(), pci, Confidence.MEDIUM, "described device, idle (free = total)"));
        }
        MemoryInfo mem = host.memory();
        if (ramBytes != null) {
            mem = new MemoryInfo(ramBytes, ramBytes, MemoryInfo.NO_LIMIT, 0, 0, 0, 0, "--ram");
        }
        warnings.add("described machine: " + m.count() + " x " + spec.name() + " in " + (ramBytes != null ? "a host with --ram" : "this host"));
        HardwareProfile hw = new HardwareProfile(host.hostName(), host.os(), host.cpu(), mem, gpus, warnings);
        String origin = "device " + m.count() + " x " + spec.name();
        Calibration c = useCalibration ? storedCalibrationFor(host) : null;
        QuickBandwidthStore.Measurement quick = c == null ? quickBandwidthFor(host) : null;
        // The described GPUs sit in this host: its CPU keeps this machine's measured bandwidth.
        return quick != null && quick.bytesPerSecond() > 0 ? withMeasuredBandwidth(hw, quick, origin) : of(hw, c, origin);
    }

    /** CPU cores assumed for a unified-memory chip named by the user (the catalog does not list CPU core counts). */
    static final int ASSUMED_APPLE_CORES = 8;

    /**
     * Enrichment, the same for every source: the CPU's ceilings from the calibration when it was measured on a
     * CPU of this name (else defaults, noted); the largest GPU's from its datasheet (matched by name or PCI id;
     * its own measured bandwidth when the probe read one) times its device class's constants. A GPU the
     * catalog does not know gets no ceilings: its speeds are unknown, never CPU ceilings.
     */
    public Machine of(HardwareProfile hw, Calibration calibration, String origin) {
        List<String> notes = new ArrayList<>();
        Calibration used = calibration;
        if (calibration != null && !calibration.cpuModel().equals(hw.cpu().model())) {
            notes.add("calibration of " + calibration.measuredOn() + " was measured on '" + calibration.cpuModel()
                    + "', not this CPU '" + hw.cpu().model() + "': ignored");
            used = null;
        }
        SpeedCeilings cpu = used != null ? used.cpuCeilings() : DefaultCeilings.forCpu(hw.cpu(), hw.memory().bandwidthBytesPerSecond());
        SpeedCeilings gpu = null;
        GpuInfo largest = hw.gpus().stream().max(Comparator.comparingLong(GpuInfo::memoryTotalBytes)).orElse(null);
        if (largest != null) {
            AcceleratorSpec spec = accelerators.match(largest.name(), largest.pciId());
            if (spec != null && spec.fp16FlopsPerSecond() > 0) {
                double bandwidth = largest.bandwidthBytesPerSecond() > 0 ? largest.bandwidthBytesPerSecond() : spec.bandwidthBytesPerSecond();
                gpu = SpeedCeilings.forDatasheet(DeviceClass.ofVendor(spec.vendor()), spec.name(), bandwidth, spec.fp16FlopsPerSecond(),
                        MemoryTechnology.parse(spec.memoryType()));
            }
            for (GpuInfo g : hw.gpus()) {
                if (accelerators.match(g.name(), g.pciId()) == null) {
                    notes.add(String.format(Locale.ROOT, "GPU %d '%s' is not in the accelerator catalog: its speeds are unknown"
                            + " (memory checks are unaffected)", g.index(), g.name()));
                }
            }
        }
        return new Machine(hw, used, origin, cpu, gpu, notes);
    }
}
