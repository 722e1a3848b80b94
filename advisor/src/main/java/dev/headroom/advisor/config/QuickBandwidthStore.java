package dev.headroom.advisor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.catalog.files.BoundedFiles;
import dev.headroom.advisor.profile.ProfileJson;
import dev.headroom.probe.memory.QuickBandwidth;
import dev.headroom.sizing.hardware.CpuInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.function.ToDoubleBiFunction;

/**
 * This machine's quick read-bandwidth measurement ({@link QuickBandwidth}), made on first use and cached in the user's
 * config directory ({@code quick-bandwidth.json}, beside the calibration) for the CPU and thread count it was measured
 * with. It is the uncalibrated CPU's bandwidth in place of a core-count default; {@code headroom bench} replaces it.
 * A cache that cannot be read or written is measured again (never an error: it is an optimisation).
 */
public final class QuickBandwidthStore {
    public static final String SCHEMA = "headroom-quick-bandwidth/1";
    private static final long MAX_FILE_BYTES = 64 * 1024;
    private final Path file;
    private final ToDoubleBiFunction<Integer, Integer> meter;

    /** A store in {@code directory} measuring with {@link QuickBandwidth}. */
    public QuickBandwidthStore(Path directory) {
        this(directory, (threads, longs) -> QuickBandwidth.measure(threads));
    }

    /** A store with another meter (tests). */
    QuickBandwidthStore(Path directory, ToDoubleBiFunction<Integer, Integer> meter) {
        this.file = directory.resolve("quick-bandwidth.json");
        this.meter = meter;
    }

    public static QuickBandwidthStore forUser() {
        return new QuickBandwidthStore(CalibrationStore.userDirectory());
    }

    public Path file() {
        return file;
    }

    /** The threads a measurement for this CPU uses: its effective cores, at least 1 (llama.cpp's default is the cores). */
    public static int threadsFor(CpuInfo cpu) {
        return Math.max(1, (int) Math.round(cpu.effectiveCores()));
    }

    /** The cached read bandwidth for this CPU and its thread count, bytes/s; measured and cached when absent. */
    public Measurement forCpu(CpuInfo cpu) {
        int threads = threadsFor(cpu);
        Measurement cached = load();
        if (cached != null && cached.cpuModel().equals(cpu.model()) && cached.threads() == threads) {
            return cached;
        }
        double bytesPerSecond = meter.applyAsDouble(threads, QuickBandwidth.DEFAULT_LONGS);
        Measurement m = new Measurement(cpu.model(), threads, bytesPerSecond, Instant.now().toString(), false);
        save(m);
        return m;
    }

    /** One measurement; {@code cached} says whether it was read from the file. */
    public record Measurement(String cpuModel, int threads, double bytesPerSecond, String measuredAt, boolean cached) {
        public String note() {
            return String.format(java.util.Locale.ROOT, "%.1f GB/s read, measured in-process with %d thread%s (%s)", bytesPerSecond / 1e9,
                    threads, threads == 1 ? "" : "s", cached ? "cached " + measuredAt : "just now");
        }
    }

    Measurement load() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = ProfileJson.MAPPER.readTree(BoundedFiles.readUtf8(file, MAX_FILE_BYTES, "quick bandwidth file"));
            if (root == null || !SCHEMA.equals(root.path("schema").asText())) {
                return null;
            }
            double bw = root.path("bytesPerSecond").asDouble(0);
            int threads = root.path("threads").asInt(0);
            if (!(bw > 1e8 && bw < 1e14) || threads < 1) {
                return null; // implausible: measure again
            }
            return new Measurement(root.path("cpuModel").asText(""), threads, bw, root.path("measuredAt").asText(""), true);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private void save(Measurement m) {
        ObjectNode root = ProfileJson.MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("cpuModel", m.cpuModel());
        root.put("threads", m.threads());
        root.put("bytesPerSecond", m.bytesPerSecond());
        root.put("measuredAt", m.measuredAt());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "quick-bandwidth", ".tmp");
            Files.writeString(tmp, ProfileJson.MAPPER.writeValueAsString(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            // an unwritable config directory only costs a new measurement next time
        }
    }
}
