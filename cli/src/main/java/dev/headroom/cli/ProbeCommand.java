package dev.headroom.cli;

import dev.headroom.advisor.Machines;
import dev.headroom.advisor.profile.ProfileJson;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.DiskInfo;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import dev.headroom.sizing.units.ByteUnits;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom probe}: what this machine has, and where each number came from. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Show this machine's CPU, memory (with container limits), GPUs and free disk space.")
public final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (save it as a profile for 'check --hardware').")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors and where each fact came from.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HardwareProfile hw;
        Machines machines = Machines.standard();
        try {
            hw = machines.probeFacts();
        } catch (IllegalStateException e) {
            // The probe itself never throws for a missing device; this is OSHI or the JVM failing outright.
            spec.commandLine().getErr().println("headroom: probe failed: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(spec.commandLine().getErr());
            }
            return ExitCodes.PROBE_FAILED;
        }
        if (json) {
            var calibration = machines.storedCalibrationFor(hw);
            out.println(Json.write(ProfileJson.machine(hw, calibration, calibration == null ? machines.quickBandwidthFor(hw) : null)));
        } else {
            printSummary(out, hw);
            printDisks(out, hw);
            if (verbose) {
                hw.readings().forEach(r -> out.printf("source %s: %s (%s)%n", r.fact(), r.source(),
                        r.confidence().name().toLowerCase(Locale.ROOT)));
            }
        }
        return ExitCodes.OK;
    }

    /** Host, CPU, RAM and GPU lines, then the probe's notes (also printed above the main job's table). */
    static void printSummary(PrintWriter out, HardwareProfile hw) {
        out.printf("Host   %s (%s)%n", hw.hostName(), hw.os());
        out.printf("CPU    %s%n", cpuLine(hw.cpu()));
        out.printf("RAM    %s%n", memoryLine(hw.memory()));
        if (hw.gpus().isEmpty()) {
            out.println("GPU    none");
        }
        for (GpuInfo g : hw.gpus()) {
            out.printf("GPU %d  %s%n", g.index(), gpuLine(g));
        }
        for (String w : hw.warnings()) {
            out.println("note   " + w);
        }
    }

    static void printDisks(PrintWriter out, HardwareProfile hw) {
        for (DiskInfo d : hw.disks()) {
            out.printf("Disk   %s: %s free of %s (%s)%n", d.purpose(), ByteUnits.formatIec(d.freeBytes()),
                    ByteUnits.formatIec(d.totalBytes()), d.path());
        }
    }

    static String cpuLine(CpuInfo c) {
        List<String> parts = new ArrayList<>();
        parts.add(c.model() + (c.microarchitecture().isEmpty() ? "" : " (" + c.microarchitecture() + ")"));
        parts.add(c.physicalCores() + " cores / " + c.logicalCores() + " threads"
                + (c.hybrid() ? " (" + c.performanceCores() + " performance + " + c.efficiencyCores() + " efficiency)" : ""));
        if (c.effectiveCores() < c.logicalCores()) {
            parts.add(String.format(Locale.ROOT, "container quota %.1f CPUs", c.effectiveCores()));
        }
        if (c.maxFrequencyHz() > 0) {
            parts.add(String.format(Locale.ROOT, "up to %.2f GHz", c.maxFrequencyHz() / 1e9));
        }
        if (c.caches().l3Bytes() > 0 || c.caches().l2Bytes() > 0) {
            parts.add((c.caches().l2Bytes() > 0 ? "L2 " + ByteUnits.formatIec(c.caches().l2Bytes()) : "")
                    + (c.caches().l2Bytes() > 0 && c.caches().l3Bytes() > 0 ? ", " : "")
                    + (c.caches().l3Bytes() > 0 ? "L3 " + ByteUnits.formatIec(c.caches().l3Bytes()) : ""));
        }
        if (!c.features().isEmpty()) {
            parts.add(String.join(" ", c.features()));
        }
        return String.join(", ", parts);
    }

    static String memoryLine(MemoryInfo m) {
        StringBuilder s = new StringBuilder();
        s.append(ByteUnits.formatIec(m.totalBytes())).append(" total, ").append(ByteUnits.formatIec(m.availableBytes()))
                .append(" available");
        if (m.hasLimit()) {
            s.append(", container limit ").append(ByteUnits.formatIec(m.limitBytes())).append(" (")
                    .append(ByteUnits.formatIec(m.effectiveAvailableBytes())).append(" usable)");
        }
        s.append(m.swapTotalBytes() > 0 ? ", swap " + ByteUnits.formatIec(m.swapTotalBytes()) : ", no swap");
        if (!m.modules().isEmpty()) {
            s.append(", ").append(m.modules());
        }
        if (m.bandwidthBytesPerSecond() > 0) {
            s.append(", ~").append(ByteUnits.formatGigabytesPerSecond(m.bandwidthBytesPerSecond())).append(" peak (estimate)");
        }
        return s.toString();
    }

    static String gpuLine(GpuInfo g) {
        StringBuilder s = new StringBuilder(g.name()).append(", ").append(ByteUnits.formatIec(g.memoryTotalBytes()))
                .append(g.unifiedMemory() ? " usable of unified memory" : " total").append(", ")
                .append(g.memoryFreeBytes() == GpuInfo.UNKNOWN ? "free unknown" : ByteUnits.formatIec(g.memoryFreeBytes()) + " free");
        if (!g.computeCapability().isEmpty()) {
            s.append(", compute capability ").append(g.computeCapability());
        }
        if (g.bandwidthBytesPerSecond() > 0) {
            s.append(", ").append(ByteUnits.formatGigabytesPerSecond(g.bandwidthBytesPerSecond()));
        }
        s.append(" (").append(g.source()).append(", ").append(g.confidence().name().toLowerCase(Locale.ROOT)).append(" confidence)");
        if (!g.note().isEmpty()) {
            s.append("; ").append(g.note());
        }
        return s.toString();
    }
}
