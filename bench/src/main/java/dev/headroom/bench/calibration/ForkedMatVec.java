package dev.headroom.bench.calibration;

import dev.headroom.bench.kernels.IntegerKernels;
import dev.headroom.bench.kernels.Kernels;
import dev.headroom.bench.kernels.RowParallel;
import dev.headroom.bench.kernels.WeightFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The matrix-vector rate of one weight format's integer kernel ({@link IntegerKernels}), measured in a child JVM
 * of its own. In one JVM the K-quant kernels run 3-5x slower once other formats' kernels were compiled first (C2
 * reuses the type profiles of the Vector API's shared methods; docs/speed-model.md, "Second pass"); a fresh JVM per
 * format is how JMH isolates benchmarks. The child is this JVM's {@code java} with this JVM's class path and
 * {@code --add-modules jdk.incubator.vector} (as the {@code ./headroom} launcher passes for {@code bench}), runs for a
 * bounded time and prints one line, {@code headroom-matvec FORMAT FLOPS}; anything else is a failure the caller
 * reports in one line and replaces with its in-process measurement.
 */
public final class ForkedMatVec {
    /** The line the child prints on success. */
    static final String PREFIX = "headroom-matvec ";
    /** Output kept from a child: enough for its result line and a stack trace's first lines. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024;

    /** What a child reported: its rate in FLOP/s, or why there is none. */
    public record Result(WeightFormat format, double flopsPerSecond, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private ForkedMatVec() {
    }

    /**
     * Forks a child JVM that warms up and measures only {@code format}'s integer kernel on {@code threads} threads
     * for about {@code seconds}, streaming about {@code streamBytes} of weights; killed after {@code timeoutSeconds}.
     */
    public static Result measure(WeightFormat format, int threads, double seconds, long streamBytes, double timeoutSeconds) {
        return measure(ForkedMatVec.class.getName(), format, threads, seconds, streamBytes, timeoutSeconds);
    }

    /** The same with another child main class (tests use one that fails). */
    static Result measure(String mainClass, WeightFormat format, int threads, double seconds, long streamBytes, double timeoutSeconds) {
        if (!IntegerKernels.supports(format) || format == WeightFormat.F32) {
            throw new IllegalArgumentException("format: no integer kernel for " + format);
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.add("--add-modules");
            command.add("jdk.incubator.vector");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.add(format.name());
        command.add(Integer.toString(threads));
        command.add(Double.toString(seconds));
        command.add(Long.toString(streamBytes));
        Path log = null;
        Process p = null;
        try {
            log = Files.createTempFile("headroom-matvec", ".log");
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(format, 0, String.format(Locale.ROOT, "child JVM did not finish within %.0f s", timeoutSeconds));
            }
            String output = head(log);
            for (String line : output.split("\n")) {
                if (p.exitValue() == 0 && line.startsWith(PREFIX + format.name() + " ")) {
                    double rate = Double.parseDouble(line.substring(PREFIX.length() + format.name().length() + 1).strip());
                    if (rate > 0 && Double.isFinite(rate)) {
                        return new Result(format, rate, null);
                    }
                }
            }
            String last = output.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("WARNING: Using incubator"))
                    .findFirst().orElse("no output");
            return new Result(format, 0, "child JVM exited " + p.exitValue() + ": " + oneLine(last));
        } catch (IOException | NumberFormatException e) {
            return new Result(format, 0, "child JVM failed: " + oneLine(String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(format, 0, "interrupted");
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private static String head(Path log) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
        }
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("[\\p{Cntrl}]", " ").strip();
        return t.length() > 160 ? t.substring(0, 160) + "..." : t;
    }

    /** Child: {@code FORMAT THREADS SECONDS STREAM_BYTES}; prints {@code headroom-matvec FORMAT FLOPS}, exit 2 on bad arguments. */
    public static void main(String[] args) {
        WeightFormat format;
        int threads;
        double seconds;
        long bytes;
        try {
            if (args.length != 4) {
                throw new IllegalArgumentException("expected FORMAT THREADS SECONDS STREAM_BYTES");
            }
            format = WeightFormat.valueOf(args[0]);
            threads = Integer.parseInt(args[1]);
            seconds = Double.parseDouble(args[2]);
            bytes = Long.parseLong(args[3]);
            if (format == WeightFormat.F32 || !IntegerKernels.supports(format) || threads < 1 || threads > 1024
                    || !(seconds > 0 && seconds <= 600) || bytes < 1 || bytes > (4L << 30)) {
                throw new IllegalArgumentException("out of range: " + String.join(" ", args));
            }
        } catch (IllegalArgumentException e) {
            System.out.println("headroom-matvec: " + e.getMessage());
            System.exit(2);
            return;
        }
        try (RowParallel parallel = new RowParallel(threads)) {
            ComputeProbe probe = new ComputeProbe(Kernels.best(), IntegerKernels.best(), parallel);
            probe.warmUp(format);
            double rate = probe.matVecFlopsPerSecond(format, seconds, bytes);
            System.out.println(PREFIX + format.name() + " " + rate);
        }
    }
}
