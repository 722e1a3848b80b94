package dev.headroom.catalog.files;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs hostile inputs through a reader and keeps score: how many parsed, how many were refused with a
 * documented exception (one-line message), the slowest input, and the peak heap of the run (the JVM's heap
 * pools' peak usage, reset at the start). Anything else thrown is a crash and fails at once; an input
 * that takes more than {@link #HANG_MILLIS} is a hang and fails too. The totals are printed so CI logs
 * carry the figures.
 */
public final class FuzzStats {
    /** An input taking longer than this is a hang (issue 16's acceptance: 0 hangs over 10 s). */
    public static final long HANG_MILLIS = 10_000;

    /** One hostile input: what it is (for the failure message) and how to feed it to the reader. */
    public interface Case {
        void run() throws Exception;
    }

    private final String reader;
    private final Predicate<Throwable> documented;
    private final Function<Throwable, List<String>> lines;
    private final int maxLines;
    private int parsed;
    private int refused;
    private long slowestMillis;
    private String slowest = "";

    /** Starts a run; resets the heap pools' peaks. */
    public FuzzStats(String reader, Predicate<Throwable> documented) {
        this(reader, documented, t -> List.of(String.valueOf(t.getMessage())), 1);
    }

    /**
     * A run whose refusals may carry several problems (one line each, at most {@code maxLines}), as
     * {@code lines} reads them off the exception (the requirements and profile readers report every bad field).
     */
    public FuzzStats(String reader, Predicate<Throwable> documented, Function<Throwable, List<String>> lines, int maxLines) {
        this.reader = reader;
        this.documented = documented;
        this.lines = lines;
        this.maxLines = maxLines;
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Feeds one input; throws AssertionError for a crash (undocumented exception or error) or a hang. */
    public void accept(String what, Case c) {
        long start = System.nanoTime();
        try {
            c.run();
            parsed++;
        } catch (Throwable t) {
            if (!documented.test(t)) {
                throw new AssertionError(reader + ": crash on " + what + ": " + t, t);
            }
            List<String> problems = lines.apply(t);
            for (String m : problems) {
                if (m.contains("\n") || m.isBlank()) {
                    throw new AssertionError(reader + ": message on " + what + " is not one line: " + m);
                }
            }
            if (problems.size() > maxLines) {
                throw new AssertionError(reader + ": " + problems.size() + " problem lines on " + what);
            }
            refused++;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > slowestMillis) {
            slowestMillis = millis;
            slowest = what;
        }
        if (millis > HANG_MILLIS) {
            throw new AssertionError(reader + ": " + what + " took " + millis + " ms (a hang)");
        }
    }

    public int total() {
        return parsed + refused;
    }

    public int parsed() {
        return parsed;
    }

    /** Peak heap use over the run, bytes (sum of the heap pools' peaks). */
    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The line printed at the end of a run. */
    public String summary() {
        return String.format(Locale.ROOT, "fuzz %s: %d hostile inputs, 0 crashes, 0 hangs; %d parsed, %d refused; slowest %d ms (%s);"
                + " peak heap %.0f MiB of a %.0f MiB limit", reader, total(), parsed, refused, slowestMillis, slowest,
                peakHeapBytes() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}
