package dev.headroom.probe.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Finds the model servers running on this host: every process in {@code /proc} whose command line is a
 * {@link ModelRuntime}'s, with the host memory it holds ({@code /proc/PID/status}) and the device memory the
 * GPU driver lists for it; a GPU process that {@code /proc} does not show (another PID namespace) is
 * recognised by the name the driver reports. Bounded like the command calls: at most
 * {@link #MAX_PROCESSES_SCANNED} processes and {@link #MAX_READ_BYTES} per file are read, the whole scan
 * runs on its own daemon thread and is waited for at most {@link #TIME_LIMIT} (a {@code /proc/PID/cmdline}
 * read can block on a process stuck in the kernel), and at most {@link #MAX_SERVERS} servers are kept,
 * largest first. Scans are spaced by a refresh interval; a scan that fails or runs late keeps the previous
 * answer, and while a late one is still running no new scan starts and no sample waits for it (a stuck read
 * costs one thread and one wait, not one per interval). The scan starts no process, so there is nothing to kill.
 */
public final class ModelServerSampler {
    public static final int MAX_PROCESSES_SCANNED = 32_768;
    public static final int MAX_SERVERS = 64;
    public static final int MAX_READ_BYTES = 8_192;
    public static final int MAX_COMMAND_LINE_CHARS = 512;
    public static final Duration TIME_LIMIT = Duration.ofSeconds(1);
    public static final long DEFAULT_REFRESH_MILLIS = 2_000;

    private final Path procRoot;
    private final long refreshMillis;
    private final LongSupplier clock;
    private ModelServers last = ModelServers.NONE;
    private long lastScanMillis = Long.MIN_VALUE;
    private List<GpuProcess> lastGpuProcesses = List.of();
    private volatile String lastWarning = "";
    private Future<ModelServers> inFlight;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "headroom-model-server-scan");
        t.setDaemon(true);
        return t;
    });

    /** @param procRoot the proc file system ({@code /proc}); a directory that does not exist finds GPU processes only */
    public ModelServerSampler(Path procRoot) {
        this(procRoot, DEFAULT_REFRESH_MILLIS, System::currentTimeMillis);
    }

    ModelServerSampler(Path procRoot, long refreshMillis, LongSupplier clock) {
        this.procRoot = procRoot;
        this.refreshMillis = refreshMillis;
        this.clock = clock;
    }

    /** The last scan's warning (a scan that took too long or failed), empty when none. */
    public String lastWarning() {
        return lastWarning;
    }

    /** The model servers now, given the GPU driver's process list. */
    public ModelServers sample(List<GpuProcess> gpuProcesses) {
        long now = clock.getAsLong();
        if (lastScanMillis != Long.MIN_VALUE && now - lastScanMillis < refreshMillis && gpuProcesses.equals(lastGpuProcesses)) {
            return last;
        }
        lastScanMillis = now;
        lastGpuProcesses = List.copyOf(gpuProcesses);
        if (inFlight != null && inFlight.isDone()) {
            harvest(); // a late scan that has finished since: its answer is newer than the last one
        }
        if (inFlight != null) {
            // Still stuck since an earlier sample: do not wait for it again, nor start another.
            lastWarning = "model server scan (/proc) still running after " + TIME_LIMIT.toMillis() + " ms; kept the previous answer";
            return last;
        }
        List<GpuProcess> copy = lastGpuProcesses;
        inFlight = worker.submit(() -> scan(procRoot, copy));
        try {
            inFlight.get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            harvest();
        } catch (TimeoutException e) {
            lastWarning = "model server scan (/proc) took longer than " + TIME_LIMIT.toMillis() + " ms; kept the previous answer";
        } catch (ExecutionException e) {
            harvest();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last;
    }

    /** Takes the finished scan's answer (or keeps the previous one when it failed). */
    private void harvest() {
        try {
            last = inFlight.get();
            lastWarning = "";
        } catch (ExecutionException e) {
            lastWarning = "model server scan (/proc) failed: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight = null;
        }
    }

    /** One scan, on the calling thread. */
    static ModelServers scan(Path procRoot, List<GpuProcess> gpuProcesses) {
        Map<Long, Map<Integer, Long>> gpuByPid = new HashMap<>();
        Map<Long, String> gpuName = new HashMap<>();
        for (GpuProcess p : gpuProcesses) {
            gpuByPid.computeIfAbsent(p.pid(), k -> new HashMap<>()).merge(p.gpuIndex(), p.knownUsedBytes(), Long::sum);
            gpuName.putIfAbsent(p.pid(), p.processName());
        }
        List<ModelServer> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        if (Files.isDirectory(procRoot)) {
            int scanned = 0;
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, p -> p.getFileName().toString().matches("[0-9]{1,10}"))) {
                for (Path dir : dirs) {
                    if (++scanned > MAX_PROCESSES_SCANNED || Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    long pid = Long.parseLong(dir.getFileName().toString());
                    List<String> argv = commandLine(dir.resolve("cmdline"));
                    if (argv.isEmpty()) {
                        continue;
                    }
                    seen.add(pid);
                    Optional<ModelRuntime> runtime = ModelRuntime.recognise(argv);
                    if (runtime.isPresent()) {
                        found.add(new ModelServer(pid, runtime.get(), joined(argv), residentBytes(dir.resolve("status")),
                                gpuByPid.getOrDefault(pid, Map.of())));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // /proc unreadable (another OS, a hardened container): the driver's names below still count
            }
        }
        for (Map.Entry<Long, String> g : gpuName.entrySet()) {
            if (seen.contains(g.getKey())) {
                continue;
            }
            List<String> argv = Arrays.asList(g.getValue().strip().split(" +"));
            ModelRuntime.recognise(argv).ifPresent(r -> found.add(new ModelServer(g.getKey(), r, "",
                    0, gpuByPid.get(g.getKey()))));
        }
        found.sort(Comparator.comparingLong(ModelServer::heldBytes).reversed().thenComparingLong(ModelServer::pid));
        boolean truncated = found.size() > MAX_SERVERS;
        return new ModelServers(truncated ? found.subList(0, MAX_SERVERS) : found, truncated);
    }

    /** The NUL-separated arguments; a process title rewritten with spaces stays one argument. */
    static List<String> commandLine(Path file) {
        byte[] bytes = readBounded(file);
        if (bytes.length == 0) {
            return List.of();
        }
        List<String> argv = new ArrayList<>();
        for (String a : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
            if (!a.isEmpty()) {
                argv.add(a);
            }
        }
        return argv;
    }

    /** {@code RssAnon + RssShmem} in bytes ({@code VmRSS} on kernels before 4.5, which lack them); 0 when unreadable. */
    static long residentBytes(Path status) {
        long anon = -1;
        long shmem = -1;
        long rss = -1;
        for (String line : new String(readBounded(status), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("RssAnon:")) {
                anon = kib(line);
            } else if (line.startsWith("RssShmem:")) {
                shmem = kib(line);
            } else if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            }
        }
        if (anon >= 0) {
            return anon + Math.max(0, shmem);
        }
        return Math.max(0, rss);
    }

    private static long kib(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
        try {
            long v = Long.parseLong(parts[0]);
            return v < 0 || v > (Long.MAX_VALUE >> 10) ? -1 : v << 10;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] readBounded(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MAX_READ_BYTES);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    private static String joined(List<String> argv) {
        return ComputeAppsParser.sanitize(String.join(" ", argv), MAX_COMMAND_LINE_CHARS);
    }
}
