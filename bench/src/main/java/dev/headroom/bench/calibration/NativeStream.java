package dev.headroom.bench.calibration;

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
 * The native reference: compiles the bundled {@code stream.c} with the machine's C compiler
 * ({@code gcc -O3 -march=native -fopenmp -fno-tree-loop-distribute-patterns}) into a temporary directory
 * and runs it with the same array size, passes and threads as {@link BandwidthProbe}. The last flag keeps
 * the copy loop a loop: GCC would otherwise call glibc's memcpy, whose non-temporal stores skip the
 * destination read that any ordinary store (C or Java) pays. When no compiler is present the result says so.
 */
public final class NativeStream {
    private static final long TIMEOUT_SECONDS = 120;

    /** STREAM figures in bytes/s, or {@code available=false} with the reason. */
    public record Result(boolean available, double readBytesPerSecond, double copyBytesPerSecond, double triadBytesPerSecond,
                         String detail) {
        static Result unavailable(String why) {
            return new Result(false, 0, 0, 0, why);
        }
    }

    private NativeStream() {
    }

    public static Result run(int elements, int passes, int threads) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("headroom-stream");
            Path source = dir.resolve("stream.c");
            try (InputStream in = NativeStream.class.getResourceAsStream("/dev/headroom/bench/calibration/stream.c")) {
                if (in == null) {
                    return Result.unavailable("stream.c resource missing");
                }
                Files.copy(in, source);
            }
            Path binary = dir.resolve("stream");
            String compiler = System.getenv().getOrDefault("CC", "gcc");
            List<String> compile = List.of(compiler, "-O3", "-march=native", "-fopenmp", "-fno-tree-loop-distribute-patterns",
                    "-o", binary.toString(), source.toString());
            Outcome built = exec(compile);
            if (built.code != 0) {
                return Result.unavailable(compiler + " failed: " + built.output.lines().findFirst().orElse("exit " + built.code));
            }
            Outcome ran = exec(List.of(binary.toString(), Integer.toString(elements), Integer.toString(passes), Integer.toString(threads)));
            if (ran.code != 0) {
                return Result.unavailable("stream exited " + ran.code + ": " + ran.output.strip());
            }
            return parse(ran.output, String.join(" ", compile.subList(0, 5)));
        } catch (IOException e) {
            return Result.unavailable("no C compiler (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.unavailable("interrupted");
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Parses the program's {@code read/copy/triad <bytes/s>} lines. */
    static Result parse(String output, String how) {
        double read = 0;
        double copy = 0;
        double triad = 0;
        for (String line : output.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(f[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            switch (f[0].toLowerCase(Locale.ROOT)) {
                case "read" -> read = v;
                case "copy" -> copy = v;
                case "triad" -> triad = v;
                default -> { }
            }
        }
        if (read <= 0 || copy <= 0 || triad <= 0) {
            return Result.unavailable("unexpected stream output: " + output.strip());
        }
        return new Result(true, read, copy, triad, how);
    }

    private record Outcome(int code, String output) {
    }

    private static Outcome exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readNBytes(64 * 1024);
        }
        String err = new String(p.getErrorStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Outcome(124, "timed out after " + TIMEOUT_SECONDS + " s");
        }
        String stdout = new String(out, StandardCharsets.UTF_8);
        return new Outcome(p.exitValue(), p.exitValue() == 0 ? stdout : err + stdout);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            for (Path f : all) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
