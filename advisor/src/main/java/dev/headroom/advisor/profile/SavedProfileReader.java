package dev.headroom.advisor.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.advisor.profile.ProfileJson;
import dev.headroom.advisor.check.InvalidInputException;
import dev.headroom.advisor.config.CalibrationStore;
import dev.headroom.advisor.config.QuickBandwidthStore;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.CpuCaches;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.hardware.DiskInfo;
import dev.headroom.sizing.hardware.Plausibility;
import dev.headroom.sizing.hardware.Reading;
import dev.headroom.catalog.files.BoundedFiles;
import dev.headroom.sizing.hardware.GpuInfo;
import dev.headroom.sizing.hardware.HardwareProfile;
import dev.headroom.sizing.hardware.MemoryInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a hardware profile saved with {@code headroom probe --json} (the shape of
 * {@link ProfileJson#hardware}), or the {@code hardware} object of {@code headroom --json}. Lenient about
 * additions: unknown fields are ignored, so profiles from newer versions still load. Strict about
 * what the engine needs: a missing or wrong field is a problem naming file and field, and all
 * problems are reported together. Files over {@link #MAX_FILE_BYTES} are rejected.
 */
public final class SavedProfileReader {
    /** Largest profile read: 4 MiB (a profile of a 16-GPU host is a few KiB). */
    public static final long MAX_FILE_BYTES = 4L << 20;

    private SavedProfileReader() {
    }

    /**
     * A saved machine: its facts, the calibration saved with them (null when none was) and its in-process bandwidth
     * measurement (null when none was saved).
     */
    public record Saved(HardwareProfile hardware, Calibration calibration, QuickBandwidthStore.Measurement quickBandwidth) {
        public Saved(HardwareProfile hardware, Calibration calibration) {
            this(hardware, calibration, null);
        }
    }

    /** @throws InvalidInputException naming the file and every bad field */
    public static HardwareProfile read(Path file) {
        return readSaved(file).hardware();
    }

    /** The profile and the calibration it carries. @throws InvalidInputException naming the file and every bad field */
    public static Saved readSaved(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            if (!Files.exists(file)) {
                throw new InvalidInputException(List.of(name + ": no such file (save one with: headroom probe --json > " + file.getFileName() + ")"));
            }
            // A regular file only, read with a hard budget whatever size it claims (FIFOs, /dev/zero, directories refused).
            root = ProfileJson.MAPPER.readTree(BoundedFiles.readAll(file, MAX_FILE_BYTES, "hardware profile"));
        } catch (BoundedFiles.InputFileException e) {
            throw new InvalidInputException(List.of(e.getMessage()));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidInputException(List.of(name + ":" + (at == null ? 1 : at.getLineNr()) + ": not JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidInputException(List.of(name + ": cannot read: " + e.getMessage()));
        }
        return parseSaved(name, root);
    }

    /** @throws InvalidInputException naming {@code source} and every bad field */
    public static HardwareProfile parse(String source, JsonNode root) {
        return parseSaved(source, root).hardware();
    }

    /** @throws InvalidInputException naming {@code source} and every bad field */
    public static Saved parseSaved(String source, JsonNode root) {
        Fields f = new Fields(source);
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(List.of(source + ": expected a JSON object saved by 'headroom probe --json'"));
        }
        JsonNode hw = root.has("hardware") && root.get("hardware").isObject() ? root.get("hardware") : root;
        String base = hw == root ? "" : "hardware.";
        JsonNode cpu = f.object(hw, base + "cpu");
        JsonNode mem = f.object(hw, base + "memory");
        CpuInfo cpuInfo = null;
        MemoryInfo memInfo = null;
        if (cpu != null) {
            String p = base + "cpu.";
            int logical = (int) f.longValue(cpu, p + "logicalCores", true, 1, 1 << 20);
            int physical = (int) f.longValue(cpu, p + "physicalCores", false, 0, 1 << 20);
            double effective = f.doubleValue(cpu, p + "effectiveCores", logical);
            List<String> features = f.strings(cpu, p + "features");
            int perf = (int) f.longValue(cpu, p + "performanceCores", false, 0, 1 << 20);
            int eff = (int) f.longValue(cpu, p + "efficiencyCores", false, 0, 1 << 20);
            long hz = f.longValue(cpu, p + "maxFrequencyHz", false, 0, 100_000_000_000L);
            JsonNode caches = cpu.path("caches");
            CpuCaches cc = new CpuCaches(f.longValue(caches, p + "caches.l1dBytes", false, 0, 1L << 40),
                    f.longValue(caches, p + "caches.l2Bytes", false, 0, 1L << 40), f.longValue(caches, p + "caches.l3Bytes", false, 0, 1L << 40));
            cpuInfo = f.build(p + "*", () -> new CpuInfo(f.text(cpu, "vendor"), f.text(cpu, "model"), physical, logical, effective, features,
                    f.text(cpu, "microarchitecture"), perf, eff, hz, cc));
        }
        if (mem != null) {
            String p = base + "memory.";
            long total = f.longValue(mem, p + "totalBytes", true, 1, Long.MAX_VALUE);
            long available = f.longValue(mem, p + "availableBytes", true, 0, Long.MAX_VALUE);
            JsonNode limitNode = mem.get("limitBytes");
            long limit = limitNode == null || limitNode.isNull() ? MemoryInfo.NO_LIMIT : f.longValue(mem, p + "limitBytes", true, 1, Long.MAX_VALUE);
            long used = limit == MemoryInfo.NO_LIMIT ? 0 : f.longValue(mem, p + "limitUsedBytes", false, 0, Long.MAX_VALUE);
            long swapTotal = f.longValue(mem, p + "swapTotalBytes", false, 0, Long.MAX_VALUE);
            long swapFree = f.longValue(mem, p + "swapFreeBytes", false, 0, Long.MAX_VALUE);
            double bandwidth = f.doubleValue(mem, p + "bandwidthBytesPerSecond", 0);
            memInfo = f.build(p + "*", () -> new MemoryInfo(total, available, limit, used, swapTotal, swapFree, bandwidth, f.text(mem, "modules")));
        }
        List<GpuInfo> gpus = new ArrayList<>();
        JsonNode gpuArray = hw.get("gpus");
        if (gpuArray != null && !gpuArray.isNull() && !gpuArray.isArray()) {
            f.problem(base + "gpus", "expected a list");
        } else if (gpuArray != null) {
            for (int i = 0; i < gpuArray.size(); i++) {
                JsonNode g = gpuArray.get(i);
                String p = base + "gpus[" + i + "].";
                if (!g.isObject()) {
                    f.problem(base + "gpus[" + i + "]", "expected an object");
                    continue;
                }
                int index = (int) f.longValue(g, p + "index", false, 0, 1 << 16, i);
                long total = f.longValue(g, p + "memoryTotalBytes", true, 0, Long.MAX_VALUE);
                JsonNode freeNode = g.get("memoryFreeBytes");
                long free = freeNode == null || freeNode.isNull() ? GpuInfo.UNKNOWN : f.longValue(g, p + "memoryFreeBytes", true, 0, Long.MAX_VALUE);
                boolean unified = g.path("unifiedMemory").asBoolean(false);
                int sms = (int) f.longValue(g, p + "multiprocessors", false, 0, 1 << 20);
                double bandwidth = f.doubleValue(g, p + "bandwidthBytesPerSecond", 0);
                Confidence confidence = f.confidence(g, p + "confidence");
                GpuInfo info = f.build(p + "*", () -> new GpuInfo(index, f.text(g, "vendor"), f.text(g, "name"), total, free, unified,
                        f.text(g, "source"), f.text(g, "computeCapability"), sms, bandwidth, f.text(g, "pciId"), confidence, f.text(g, "note")));
                if (info != null) {
                    gpus.add(info);
                }
            }
        }
        List<String> warnings = f.strings(hw, base + "warnings");
        List<DiskInfo> disks = new ArrayList<>();
        JsonNode diskArray = hw.get("disks");
        if (diskArray != null && diskArray.isArray()) {
            for (int i = 0; i < diskArray.size(); i++) {
                JsonNode d = diskArray.get(i);
                String p = base + "disks[" + i + "].";
                long free = f.longValue(d, p + "freeBytes", false, 0, Long.MAX_VALUE);
                long total = f.longValue(d, p + "totalBytes", false, 0, Long.MAX_VALUE);
                DiskInfo info = f.build(p + "*", () -> new DiskInfo(f.text(d, "purpose") == null ? "disk" : f.text(d, "purpose"),
                        f.text(d, "path") == null ? f.text(d, "mount") : f.text(d, "path"), free, total));
                if (info != null) {
                    disks.add(info);
                }
            }
        }
        List<Reading> readings = new ArrayList<>();
        JsonNode readingArray = hw.get("readings");
        if (readingArray != null && readingArray.isArray()) {
            for (int i = 0; i < readingArray.size(); i++) {
                JsonNode r = readingArray.get(i);
                String p = base + "readings[" + i + "].";
                Confidence c = f.confidence(r, p + "confidence");
                Reading reading = f.build(p + "*", () -> new Reading(f.text(r, "fact"), f.text(r, "source"), c));
                if (reading != null) {
                    readings.add(reading);
                }
            }
        }
        Calibration calibration = null;
        JsonNode cal = hw.get("calibration");
        if (cal == null || cal.isNull()) {
            cal = root.get("calibration");
        }
        if (cal != null && !cal.isNull()) {
            JsonNode calNode = cal;
            calibration = f.build(base + "calibration.*", () -> CalibrationStore.parse(calNode));
        }
        QuickBandwidthStore.Measurement quick = null;
        JsonNode q = hw.get("quickBandwidth");
        if (q != null && !q.isNull()) {
            double bw = q.path("bytesPerSecond").asDouble(0);
            int threads = q.path("threads").asInt(0);
            if (!(bw >= 1e8 && bw <= 1e14) || threads < 1 || threads > 1024) {
                throw new InvalidInputException(List.of(source + ": quickBandwidth: bytesPerSecond must be within 1e8..1e14 and threads"
                        + " within 1..1024, were " + q.path("bytesPerSecond") + ", " + q.path("threads")));
            }
            quick = new QuickBandwidthStore.Measurement(cpuInfo == null ? "" : cpuInfo.model(), threads, bw,
                    q.path("measuredAt").asText(""), true);
        }
        f.throwIfAny();
        if (calibration != null && !calibration.implausibilities().isEmpty()) {
            throw new InvalidInputException(List.of(source + ": calibration: " + String.join("; ", calibration.implausibilities())));
        }
        // Facts that contradict each other (free > total, an 8 EiB GPU) become warnings and lower confidence, never silent.
        HardwareProfile profile = Plausibility.check(new HardwareProfile(f.text(hw, "hostName"), f.text(hw, "os"), cpuInfo, memInfo, gpus,
                warnings, disks, readings));
        return new Saved(profile, calibration, quick);
    }

    /** Field access that records problems instead of throwing, so all are reported at once. */
    private static final class Fields {
        private final String source;
        private final List<String> problems = new ArrayList<>();

        Fields(String source) {
            this.source = source;
        }

        void problem(String field, String message) {
            problems.add(source + ": " + field + ": " + message);
        }

        JsonNode object(JsonNode parent, String path) {
            JsonNode n = parent.get(leaf(path));
            if (n == null || !n.isObject()) {
                problem(path, n == null ? "missing" : "expected an object");
                return null;
            }
            return n;
        }

        String text(JsonNode parent, String field) {
            JsonNode n = parent.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }

        long longValue(JsonNode parent, String path, boolean required, long min, long max) {
            return longValue(parent, path, required, min, max, 0);
        }

        long longValue(JsonNode parent, String path, boolean required, long min, long max, long fallback) {
            JsonNode n = parent.get(leaf(path));
            if (n == null || n.isNull()) {
                if (required) {
                    problem(path, "missing");
                }
                return fallback;
            }
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
                problem(path, "expected a whole number within " + min + ".." + max + ", was " + n);
                return fallback;
            }
            return n.asLong();
        }

        Confidence confidence(JsonNode parent, String path) {
            String t = text(parent, leaf(path));
            if (t == null) {
                return null;
            }
            try {
                return Confidence.valueOf(t.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(path, "expected high, medium or low, was '" + t + "'");
                return null;
            }
        }

        double doubleValue(JsonNode parent, String path, double fallback) {
            JsonNode n = parent.get(leaf(path));
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isNumber() || !(n.asDouble() > 0)) {
                problem(path, "expected a positive number, was " + n);
                return fallback;
            }
            return n.asDouble();
        }

        List<String> strings(JsonNode parent, String path) {
            JsonNode n = parent.get(leaf(path));
            List<String> out = new ArrayList<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isArray()) {
                problem(path, "expected a list of strings");
                return out;
            }
            n.forEach(s -> out.add(s.asText()));
            return out;
        }

        /** Runs a record constructor once its fields parsed; its validation message becomes a problem. */
        <T> T build(String path, java.util.function.Supplier<T> constructor) {
            if (!problems.isEmpty()) {
                return null;
            }
            try {
                return constructor.get();
            } catch (IllegalArgumentException e) {
                problem(path.substring(0, path.length() - 2), e.getMessage());
                return null;
            }
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
        }

        private static String leaf(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }
    }
}
