package dev.headroom.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the external programs the integration tests need, always with a time bound, and cleans up after them. */
public final class ExternalProcess {
    private ExternalProcess() {
    }

    /** Where tests leave artifacts for people to look at (screenshots, logs): {@code target/it-artifacts}. */
    public static Path artifacts() {
        Path dir = Path.of(System.getProperty("headroom.artifacts.dir", "target/it-artifacts"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's {@code deploy/} directory. */
    public static Path deploy() {
        return Path.of(System.getProperty("headroom.deploy.dir", "../deploy")).toAbsolutePath().normalize();
    }

    /** A loopback port free right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to completion within {@code seconds}; returns exit code and merged output. */
    public static Result run(int seconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("headroom-it-", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                stop(p);
                throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** SIGTERM, then SIGKILL after 10 s; waits for the process to be gone. */
    public static void stop(Process p) {
        if (p == null) {
            return;
        }
        List<ProcessHandle> children = new ArrayList<>(p.descendants().toList());
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Result(int exitCode, String output) {
    }
}
