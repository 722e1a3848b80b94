package dev.headroom.probe.gpu;

import dev.headroom.sizing.hardware.GpuInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the GPU sources that apply, in parallel, and keeps per vendor the GPUs of the first source (in
 * priority order) that saw any: JCuda beats nvidia-smi, rocm-smi beats sysfs, anything beats OSHI.
 * Problems of a source are kept as notes only while its vendor has no GPU from a better source, so a
 * machine whose CUDA driver answered does not get a note that nvidia-smi is missing; sources that did
 * not apply at all ("rocm-smi not on PATH") are mentioned only when no GPU was found.
 */
public final class GpuLayering {
    private GpuLayering() {
    }

    /** The GPUs kept and the notes worth showing. */
    public record Result(List<GpuInfo> gpus, List<String> notes) {
        public Result {
            gpus = List.copyOf(gpus);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Runs every applicable source on {@code executor} and waits at most {@code budget} for all of them;
     * a source still running then is reported as timed out and its result ignored.
     */
    public static Result run(List<GpuSource> ordered, ExecutorService executor, Duration budget) {
        List<CompletableFuture<GpuReadings>> futures = new ArrayList<>();
        for (GpuSource s : ordered) {
            if (applies(s)) {
                futures.add(CompletableFuture.supplyAsync(() -> safeRead(s), executor));
            } else {
                futures.add(null);
            }
        }
        long deadline = System.nanoTime() + budget.toNanos();
        List<GpuReadings> readings = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            CompletableFuture<GpuReadings> f = futures.get(i);
            if (f == null) {
                readings.add(null);
                continue;
            }
            try {
                readings.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                f.cancel(true);
                readings.add(GpuReadings.none(ordered.get(i).name() + " did not answer within " + budget.toMillis() + " ms"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                readings.add(GpuReadings.none(ordered.get(i).name() + " interrupted"));
            } catch (ExecutionException e) {
                readings.add(GpuReadings.none(ordered.get(i).name() + " failed: " + e.getCause()));
            }
        }
        return combine(ordered, readings);
    }

    private static boolean applies(GpuSource s) {
        try {
            return s.applies();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A source's readings; a source that breaks its never-throw contract still cannot break the probe. */
    static GpuReadings safeRead(GpuSource s) {
        try {
            return s.read();
        } catch (RuntimeException | LinkageError e) {
            return GpuReadings.none(s.name() + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Merges readings (null for a source that did not apply) in the sources' priority order (pure).
     */
    public static Result combine(List<GpuSource> ordered, List<GpuReadings> readings) {
        List<GpuInfo> gpus = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (int i = 0; i < ordered.size(); i++) {
            GpuReadings r = readings.get(i);
            if (r == null) {
                continue;
            }
            Set<String> claimedHere = new HashSet<>();
            for (GpuInfo g : r.gpus()) {
                if (!claimed.contains(g.vendor())) {
                    gpus.add(g);
                    claimedHere.add(g.vendor());
                }
            }
            claimed.addAll(claimedHere);
        }
        Set<String> notes = new LinkedHashSet<>();
        for (int i = 0; i < ordered.size(); i++) {
            GpuSource s = ordered.get(i);
            boolean vendorSeen = s.vendor().equals("any") ? !gpus.isEmpty() : claimed.contains(s.vendor());
            if (vendorSeen) {
                continue;
            }
            GpuReadings r = readings.get(i);
            if (r == null) {
                // "rocm-smi not on PATH" explains an empty GPU list; next to a working NVIDIA GPU it is noise.
                String why = s.whyNot();
                if (!why.isEmpty() && gpus.isEmpty()) {
                    notes.add(why);
                }
            } else {
                notes.addAll(r.problems());
            }
        }
        return new Result(gpus, new ArrayList<>(notes));
    }
}
