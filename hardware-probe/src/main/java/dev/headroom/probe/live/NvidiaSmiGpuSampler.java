package dev.headroom.probe.live;

import dev.headroom.probe.command.CommandOutcome;
import dev.headroom.probe.command.CommandRunner;
import dev.headroom.probe.gpu.NvidiaSmiCsvParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * GPU memory use and utilisation from {@code nvidia-smi}, the one NVIDIA source that reports
 * utilisation. Spawning nvidia-smi costs tens of milliseconds, so it runs at most every
 * {@code refreshMillis} with a short timeout; a failed or hung run keeps the previous sample, so a
 * broken driver never stalls the sampler for longer than the timeout.
 */
public final class NvidiaSmiGpuSampler implements GpuSampler {
    /** The fields queried, in order ({@code --format=csv,noheader,nounits}: MiB and percent without units). */
    static final List<String> FIELDS = List.of("index", "name", "memory.total", "memory.used", "utilization.gpu");
    public static final long DEFAULT_REFRESH_MILLIS = 2_000;
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final CommandRunner runner;
    private final long refreshMillis;
    private final LongSupplier clock;
    private List<GpuSample> last = List.of();
    private long lastReadMillis = Long.MIN_VALUE;

    public NvidiaSmiGpuSampler(CommandRunner runner) {
        this(runner, DEFAULT_REFRESH_MILLIS, System::currentTimeMillis);
    }

    NvidiaSmiGpuSampler(CommandRunner runner, long refreshMillis, LongSupplier clock) {
        this.runner = runner.withTimeout(TIMEOUT);
        this.refreshMillis = refreshMillis;
        this.clock = clock;
    }

    /** Whether nvidia-smi is on the search path at all (checked once, when the server starts). */
    public boolean available() {
        return runner.find("nvidia-smi").isPresent();
    }

    @Override
    public List<GpuSample> sample() {
        long now = clock.getAsLong();
        if (lastReadMillis != Long.MIN_VALUE && now - lastReadMillis < refreshMillis) {
            return last;
        }
        lastReadMillis = now;
        CommandOutcome out = runner.run("nvidia-smi", "--query-gpu=" + String.join(",", FIELDS), "--format=csv,noheader,nounits");
        if (out.succeeded()) {
            List<GpuSample> read = parse(out.output());
            if (!read.isEmpty()) {
                last = read;
            }
        }
        return last;
    }

    /** Samples from nvidia-smi CSV in {@link #FIELDS} order; rows without an index or total memory are skipped. */
    static List<GpuSample> parse(String csv) {
        List<GpuSample> samples = new ArrayList<>();
        for (Map<String, String> row : NvidiaSmiCsvParser.parse(FIELDS, csv).rows()) {
            long total = NvidiaSmiCsvParser.mibToBytes(row.get("memory.total"));
            String index = row.get("index");
            if (total < 0 || index == null || !index.matches("[0-9]{1,4}")) {
                continue;
            }
            long used = NvidiaSmiCsvParser.mibToBytes(row.get("memory.used"));
            samples.add(new GpuSample(Integer.parseInt(index), "NVIDIA", row.get("name"), total,
                    used < 0 ? GpuSample.UNKNOWN : Math.min(used, total), utilization(row.get("utilization.gpu"))));
        }
        return List.copyOf(samples);
    }

    private static double utilization(String percent) {
        try {
            double v = Double.parseDouble(percent == null ? "" : percent.replace("%", "").strip());
            return v >= 0 && v <= 100 ? v / 100.0 : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
