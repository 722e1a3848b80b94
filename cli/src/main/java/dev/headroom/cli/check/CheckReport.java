package dev.headroom.cli.check;

import dev.headroom.advisor.check.RequirementResult;
import dev.headroom.advisor.check.CapacityEvaluator;
import dev.headroom.sizing.hardware.HardwareProfile;
import java.time.Instant;
import java.util.List;

/**
 * Everything one {@code headroom check} run found, as the reporters need it.
 *
 * @param requirementsFile the requirements file as named on the command line
 * @param hardwareSource {@code probed} or the saved profile's path
 * @param hardware the machine evaluated
 * @param results one per requirement, in file order
 * @param notes caveats that apply to all results
 * @param timestamp when the check ran (UTC)
 */
public record CheckReport(String requirementsFile, String hardwareSource, HardwareProfile hardware,
                          List<RequirementResult> results, List<String> notes, Instant timestamp) {
    public CheckReport {
        if (requirementsFile == null || hardwareSource == null || hardware == null || timestamp == null) {
            throw new IllegalArgumentException("requirementsFile, hardwareSource, hardware and timestamp are required");
        }
        results = List.copyOf(results);
        notes = List.copyOf(notes);
    }

    public boolean allMet() {
        return results.stream().allMatch(RequirementResult::met);
    }

    public long metCount() {
        return results.stream().filter(RequirementResult::met).count();
    }

    public double seconds() {
        return results.stream().mapToDouble(RequirementResult::seconds).sum();
    }

    /** One line: {@code host: CPU ..., RAM ..., GPUs ...}. */
    public String machineSummary() {
        StringBuilder s = new StringBuilder(hardware.hostName()).append(": ")
                .append(hardware.cpu().model()).append(" (").append(hardware.cpu().logicalCores()).append(" threads), ")
                .append(CapacityEvaluator.gib(hardware.memory().effectiveAvailableBytes())).append(" RAM available");
        if (hardware.gpus().isEmpty()) {
            s.append(", no GPU");
        }
        hardware.gpus().forEach(g -> s.append(", gpu:").append(g.index()).append(' ').append(g.name()).append(' ')
                .append(CapacityEvaluator.gib(g.memoryTotalBytes())));
        return s.toString();
    }
}
