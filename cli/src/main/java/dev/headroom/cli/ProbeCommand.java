package dev.headroom.cli;

import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.units.ByteUnits;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom probe}: what this machine has. */
@Command(name = "probe", mixinStandardHelpOptions = true, description = "Show this machine's CPU, memory and GPUs.")
public final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON (save it as a profile for 'check --hardware').")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HardwareProfile hw = Machine.probe();
        if (json) {
            out.println(Json.write(Json.hardware(hw)));
        } else {
            printSummary(out, hw);
        }
        return ExitCodes.OK;
    }

    static void printSummary(PrintWriter out, HardwareProfile hw) {
        out.printf("Host   %s (%s)%n", hw.hostName(), hw.os());
        out.printf("CPU    %s, %d cores / %d threads%s%s%n", hw.cpu().model(), hw.cpu().physicalCores(), hw.cpu().logicalCores(),
                hw.cpu().effectiveCores() < hw.cpu().logicalCores() ? String.format(java.util.Locale.ROOT, " (container quota %.1f CPUs)", hw.cpu().effectiveCores()) : "",
                hw.cpu().features().isEmpty() ? "" : ", " + String.join(" ", hw.cpu().features()));
        out.printf("RAM    %s total, %s available%s%n", ByteUnits.formatIec(hw.memory().totalBytes()),
                ByteUnits.formatIec(hw.memory().availableBytes()),
                hw.memory().hasLimit() ? ", container limit " + ByteUnits.formatIec(hw.memory().limitBytes())
                        + " (" + ByteUnits.formatIec(hw.memory().effectiveAvailableBytes()) + " usable)" : "");
        if (hw.gpus().isEmpty()) {
            out.println("GPU    none");
        }
        for (GpuInfo g : hw.gpus()) {
            out.printf("GPU %d  %s, %s total, %s free (%s)%n", g.index(), g.name(), ByteUnits.formatIec(g.memoryTotalBytes()),
                    g.memoryFreeBytes() == GpuInfo.UNKNOWN ? "unknown" : ByteUnits.formatIec(g.memoryFreeBytes()), g.source());
        }
        for (String w : hw.warnings()) {
            out.println("note   " + w);
        }
    }
}
