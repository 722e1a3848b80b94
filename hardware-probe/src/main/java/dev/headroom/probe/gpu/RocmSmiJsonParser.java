package dev.headroom.probe.gpu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.sizing.hardware.Confidence;
import dev.headroom.sizing.hardware.GpuInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses {@code rocm-smi --showmeminfo vram --showproductname --showid --json}: an object with one
 * {@code "cardN"} entry per GPU whose values are all strings, e.g. {@code "VRAM Total Memory (B)":
 * "25753026560"}. Entries other than {@code cardN} (such as {@code "system"}) are ignored.
 */
public final class RocmSmiJsonParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** rocm-smi prints a few kilobytes per card; anything far larger is not its output. */
    static final int MAX_CHARS = 4 << 20;

    private RocmSmiJsonParser() {
    }

    public static GpuReadings parse(String json) {
        if (json == null || json.isBlank()) {
            return GpuReadings.none("rocm-smi printed nothing");
        }
        if (json.length() > MAX_CHARS) {
            return GpuReadings.none("rocm-smi output too large (" + json.length() + " characters)");
        }
        // rocm-smi can print warnings before the JSON object.
        int start = json.indexOf('{');
        if (start < 0) {
            return GpuReadings.none("rocm-smi printed no JSON: " + firstLine(json));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json.substring(start));
        } catch (JsonProcessingException e) {
            return GpuReadings.none("rocm-smi printed malformed JSON: " + firstLine(e.getOriginalMessage()));
        }
        Map<Integer, JsonNode> cards = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (key.matches("card[0-9]{1,3}") && e.getValue().isObject()) {
                cards.put(Integer.parseInt(key.substring(4)), e.getValue());
            }
        }
        List<GpuInfo> gpus = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Integer, JsonNode> card : cards.entrySet()) {
            JsonNode c = card.getValue();
            long total = number(c, "VRAM Total Memory (B)");
            long used = number(c, "VRAM Total Used Memory (B)");
            if (total <= 0) {
                problems.add("rocm-smi card" + card.getKey() + ": no VRAM Total Memory (B)");
                continue;
            }
            String name = text(c, "Card Series", "Card series", "Device Name", "Card SKU");
            // Newer rocm-smi prints the PCI device id as "Card Model" ("0x744c"), older ones as "Device ID".
            String model = text(c, "Card Model", "Card model");
            String deviceId = model.matches("0x[0-9a-fA-F]{4}") ? model : text(c, "Device ID", "GPU ID");
            String pci = deviceId.isEmpty() ? "" : "1002:" + deviceId.toLowerCase(Locale.ROOT).replace("0x", "");
            gpus.add(new GpuInfo(card.getKey(), "AMD", name.isEmpty() ? "AMD GPU " + pci : name, total,
                    used < 0 ? GpuInfo.UNKNOWN : Math.max(0, total - used), false, "rocm-smi", "", 0, 0, pci,
                    Confidence.HIGH, ""));
        }
        if (gpus.isEmpty() && problems.isEmpty()) {
            problems.add("rocm-smi listed no cards");
        }
        return new GpuReadings(gpus, problems);
    }

    private static long number(JsonNode card, String field) {
        JsonNode v = card.get(field);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.asText().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(JsonNode card, String... fields) {
        for (String f : fields) {
            JsonNode v = card.get(f);
            if (v != null && !v.asText().isBlank() && !v.asText().equalsIgnoreCase("N/A")) {
                return v.asText().strip();
            }
        }
        return "";
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
