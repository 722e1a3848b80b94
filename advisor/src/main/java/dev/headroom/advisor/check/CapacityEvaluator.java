package dev.headroom.advisor.check;

import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.sizing.Estimate;
import dev.headroom.sizing.fit.Placement;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.memory.DeploymentRequest;
import dev.headroom.sizing.memory.MemoryBreakdown;
import dev.headroom.sizing.memory.MemoryEstimator;
import dev.headroom.sizing.units.ByteUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Evaluates requirements on one machine through the advisor ({@link Advisor#estimate}): the same memory,
 * placement and speed every other surface reports, restricted to the requirement's device. Margins are
 * measured in the pools the placement uses (GPU memory; GPU and host RAM for an offload; host RAM).
 */
public final class CapacityEvaluator {
    private final Machine machine;
    private final HardwareProfile hardware;
    private final Advisor advisor;

    public CapacityEvaluator(Machine machine, Advisor advisor) {
        this.machine = machine;
        this.hardware = machine.hardware();
        this.advisor = advisor;
    }

    public List<RequirementResult> evaluateAll(List<Requirement> requirements) {
        return requirements.stream().map(this::evaluate).toList();
    }

    /** Caveats that apply to every result on this machine (GPUs whose speeds are unknown, the calibration used). */
    public List<String> notes() {
        List<String> notes = new ArrayList<>(machine.notes());
        notes.add(machine.calibrationLabel());
        return notes;
    }

    public RequirementResult evaluate(Requirement r) {
        long start = System.nanoTime();
        DeploymentRequest request = r.request();
        HardwareProfile view = r.device().restrict(hardware);
        if (view == null) {
            MemoryBreakdown memory = MemoryEstimator.estimate(request);
            String present = hardware.gpus().isEmpty() ? "it has no GPU"
                    : "its GPUs are " + hardware.gpus().stream().map(g -> "gpu:" + g.index()).collect(Collectors.joining(", "));
            return new RequirementResult(r, "no " + r.device().label(), "GPU memory", memory, memory.totalBytes(), 0, -memory.totalBytes(), 0, 0,
                    RequirementResult.NOT_ESTIMATED, RequirementResult.NOT_ESTIMATED,
                    List.of("device " + r.device().label() + " is not on " + hardware.hostName() + ": " + present), elapsed(start));
        }
        Estimate e = advisor.estimate(machine.withHardware(view), request);
        Placement p = e.placement();
        long needed = p.neededBytes();
        long available = p.availableBytes();
        long pool = available;
        String poolName;
        if (p instanceof Placement.OnGpu g) {
            poolName = g.gpuCount() == 1 ? "GPU memory" : "memory of " + g.gpuCount() + " GPUs";
        } else if (p instanceof Placement.Split) {
            poolName = "GPU memory and host RAM";
        } else if (p instanceof Placement.OnCpu) {
            poolName = "host RAM";
        } else {
            poolName = "largest memory pool";
        }
        long headroom = p.headroomBytes();
        long required = r.minHeadroom().requiredBytes(pool);
        List<String> failures = new ArrayList<>();
        double decode = RequirementResult.NOT_ESTIMATED;
        double prefill = RequirementResult.NOT_ESTIMATED;
        if (!p.fits()) {
            failures.add("does not fit" + on(r) + ": needs " + gib(needed) + ", the " + poolName + " has " + gib(available)
                    + " (short by " + gib(-headroom) + ")");
        } else {
            decode = e.speed().known() ? e.speed().decodeTokensPerSecond() : RequirementResult.NOT_ESTIMATED;
            prefill = e.speed().known() ? e.speed().prefillTokensPerSecond() : RequirementResult.NOT_ESTIMATED;
            if (r.device() instanceof DeviceSelection.Gpu gpu && !(p instanceof Placement.OnGpu)) {
                failures.add("does not fit in " + gpu.label() + "'s " + gib(view.gpus().get(0).usableBytes())
                        + " of free memory: needs " + gib(e.memory().totalBytes()) + " (it would run only as " + p.label() + ")");
            }
            if (headroom < required) {
                failures.add("headroom " + gib(headroom) + " (" + percent((double) headroom / pool) + " of " + poolName + ") is below the minimum "
                        + r.minHeadroom().label() + (r.minHeadroom() instanceof HeadroomThreshold.Percent ? " (" + gib(required) + ")" : ""));
            }
            if (!e.speed().known() && (r.minDecodeTokensPerSecond() > 0 || r.minPrefillTokensPerSecond() > 0)) {
                failures.add("speed cannot be estimated: " + e.speed().inputs().get(0).note());
            } else if (decode < r.minDecodeTokensPerSecond()) {
                failures.add("decode " + rate(decode) + " tokens/s is below the minimum " + rate(r.minDecodeTokensPerSecond()) + " tokens/s");
            }
            if (prefill < r.minPrefillTokensPerSecond()) {
                failures.add("prefill " + rate(prefill) + " tokens/s is below the minimum " + rate(r.minPrefillTokensPerSecond()) + " tokens/s");
            }
        }
        return new RequirementResult(r, p.label(), poolName, e.memory(), needed, available, headroom, pool, required, decode, prefill,
                failures, elapsed(start));
    }

    private static String on(Requirement r) {
        return r.device() instanceof DeviceSelection.Any ? "" : " on " + r.device().label();
    }

    public static String gib(long bytes) {
        return ByteUnits.formatIec(bytes);
    }

    public static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    /** Speeds with three significant figures at most, so small thresholds stay readable. */
    public static String rate(double tokensPerSecond) {
        if (tokensPerSecond >= 100 || tokensPerSecond == Math.rint(tokensPerSecond)) {
            return String.format(Locale.ROOT, "%.0f", tokensPerSecond);
        }
        return String.format(Locale.ROOT, tokensPerSecond >= 10 ? "%.1f" : "%.2f", tokensPerSecond);
    }

    private static double elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
