package dev.headroom.cli.check;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.cli.Json;
import dev.headroom.sizing.hardware.CpuInfo;
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
 * {@link Json#hardware}), or the {@code hardware} object of {@code headroom --json}. Lenient about
 * additions: unknown fields are ignored, so profiles from newer versions still load. Strict about
 * what the engine needs: a missing or wrong field is a problem naming file and field, and all
 * problems are reported together. Files over {@link #MAX_FILE_BYTES} are rejected.
 */
public final class SavedProfileReader {
    /** Largest profile read: 4 MiB (a profile of a 16-GPU host is a few KiB). */
    public static final long MAX_FILE_BYTES = 4L << 20;

    private SavedProfileReader() {
    }

    /** @throws InvalidInputException naming the file and every bad field */
    public static HardwareProfile read(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException(List.of(name + ": " + size + " bytes is too large for a hardware profile (limit 4 MiB)"));
            }
            root = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(List.of(name + ": no such file (save one with: headroom probe --json > " + file.getFileName() + ")"));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidInputException(List.of(name + ":" + (at == null ? 1 : at.getLineNr()) + ": not JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidInputException(List.of(name + ": cannot read: " + e.getMessage()));
        }
        return parse(name, root);
    }

    /** @throws InvalidInputException naming {@code source} and every bad field */
    public static HardwareProfile parse(String source, JsonNode root) {
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
            cpuInfo = f.build(p + "*", () -> new CpuInfo(f.text(cpu, "vendor"), f.text(cpu, "model"), physical, logical, effective, features));
        }
        if (mem != null) {
            String p = base + "memory.";
            long total = f.longValue(mem, p + "totalBytes", true, 1, Long.MAX_VALUE);
            long available = f.longValue(mem, p + "availableBytes", true, 0, Long.MAX_VALUE);
            JsonNode limitNode = mem.get("limitBytes");
            long limit = limitNode == null || limitNode.isNull() ? MemoryInfo.NO_LIMIT : f.longValue(mem, p + "limitBytes", true, 1, Long.MAX_VALUE);
            long used = limit == MemoryInfo.NO_LIMIT ? 0 : f.longValue(mem, p + "limitUsedBytes", false, 0, Long.MAX_VALUE);
            memInfo = f.build(p + "*", () -> new MemoryInfo(total, available, limit, used));
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
                GpuInfo info = f.build(p + "*", () -> new GpuInfo(index, f.text(g, "vendor"), f.text(g, "name"), total, free, unified, f.text(g, "source")));
                if (info != null) {
                    gpus.add(info);
                }
            }
        }
        List<String> warnings = f.strings(hw, base + "warnings");
        f.throwIfAny();
        return new HardwareProfile(f.text(hw, "hostName"), f.text(hw, "os"), cpuInfo, memInfo, gpus, warnings);
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
