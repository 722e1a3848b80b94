package dev.headroom.advisor.check;

import dev.headroom.advisor.Advisor;
import dev.headroom.advisor.Machine;
import dev.headroom.advisor.WorkloadAdvice;
import dev.headroom.catalog.CatalogWorkload;
import dev.headroom.sizing.workload.Throughput;
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
        if (r.isWorkload()) {
            return evaluateWorkload(r, start);
        }
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

    /**
     * A model of another domain: the advisor's {@link Advisor#adviseWorkload} on the machine restricted to the
     * requirement's device (FP16 on the GPU when it fits and its speed is known, else FP32 on the CPU), thresholds
     * checked against the throughput in the domain's unit.
     */
    private RequirementResult evaluateWorkload(Requirement r, long start) {
        WorkloadRequirement w = r.workload();
        HardwareProfile view = r.device().restrict(hardware);
        if (view == null) {
            String present = hardware.gpus().isEmpty() ? "it has no GPU"
                    : "its GPUs are " + hardware.gpus().stream().map(g -> "gpu:" + g.index()).collect(Collectors.joining(", "));
            return new RequirementResult(r, "no " + r.device().label(), "GPU memory", new MemoryBreakdown(List.of()), 0, 0, 0, 0, 0,
                    RequirementResult.NOT_ESTIMATED, RequirementResult.NOT_ESTIMATED,
                    List.of("device " + r.device().label() + " is not on " + hardware.hostName() + ": " + present), elapsed(start), null);
        }
        WorkloadAdvice a = advisor.adviseWorkload(machine.withHardware(view), r.model().workloadModel(), w.request(),
                CatalogWorkload.DEFAULT_TRAINING_ROWS);
        long needed = a.neededBytes();
        long available = a.availableBytes();
        String poolName = switch (a.where()) {
            case "GPU" -> "GPU memory";
            case "CPU" -> "host RAM";
            default -> "largest memory pool";
        };
        long headroom = a.headroomBytes();
        long required = r.minHeadroom().requiredBytes(available);
        List<String> failures = new ArrayList<>();
        if (!a.fits()) {
            failures.add("does not fit" + on(r) + ": needs " + gib(needed) + ", the " + poolName + " has " + gib(available)
                    + " (short by " + gib(-headroom) + ")");
        } else {
            if (r.device() instanceof DeviceSelection.Gpu gpu && !a.where().equals("GPU")) {
                failures.add((machine.withHardware(view).gpu() == null ? gpu.label() + "'s speed is unknown, so it"
                        : "it does not fit in " + gpu.label() + "'s " + gib(view.gpus().get(0).usableBytes()) + " of free memory; it")
                        + " would run only on the CPU (" + gib(needed) + " in host RAM)");
            }
            if (headroom < required) {
                failures.add("headroom " + gib(headroom) + " (" + percent((double) headroom / available) + " of " + poolName
                        + ") is below the minimum " + r.minHeadroom().label()
                        + (r.minHeadroom() instanceof HeadroomThreshold.Percent ? " (" + gib(required) + ")" : ""));
            }
            Throughput t = a.estimate().throughput();
            if (w.minImagesPerSecond() > 0 && t.itemsPerSecond() < w.minImagesPerSecond()) {
                failures.add(figure(t.itemsPerSecond()) + " images/s is below the minimum " + figure(w.minImagesPerSecond()) + " images/s");
            }
            if (w.maxRealTimeFactor() > 0) {
                double rtf = realTimeFactor(t);
                if (rtf > w.maxRealTimeFactor()) {
                    failures.add(String.format(Locale.ROOT, "real-time factor %.3f is above the maximum %s", rtf, figure(w.maxRealTimeFactor())));
                }
            }
            if (w.minInputsPerSecond() > 0 && t.itemsPerSecond() < w.minInputsPerSecond()) {
                failures.add(figure(t.itemsPerSecond()) + " inputs/s is below the minimum " + figure(w.minInputsPerSecond()) + " inputs/s");
            }
            if (w.minRowsPerSecond() > 0 && t.itemsPerSecond() < w.minRowsPerSecond()) {
                failures.add(figure(t.itemsPerSecond()) + " rows/s is below the minimum " + figure(w.minRowsPerSecond()) + " rows/s");
            }
        }
        return new RequirementResult(r, a.where(), poolName, a.estimate().memory(), needed, available, headroom, available, required,
                RequirementResult.NOT_ESTIMATED, RequirementResult.NOT_ESTIMATED, failures, elapsed(start), a);
    }

    /** Processing seconds per second of audio for one stream (speech, audio generation), NaN for other domains. */
    public static double realTimeFactor(Throughput t) {
        if (t instanceof Throughput.Speech s) {
            return s.realTimeFactor();
        }
        if (t instanceof Throughput.GeneratedAudio g) {
            return g.realTimeFactor();
        }
        return Double.NaN;
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

    /** Three significant figures for figures of any size ({@code 8932}, {@code 19.5}, {@code 0.118}), no exponent. */
    public static String figure(double v) {
        if (v >= 100 || v == 0) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (v >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static double elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
