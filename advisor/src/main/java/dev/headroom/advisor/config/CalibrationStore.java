package dev.headroom.advisor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.advisor.profile.ProfileJson;
import dev.headroom.catalog.files.BoundedFiles;
import dev.headroom.sizing.calibration.Calibration;
import dev.headroom.sizing.hardware.CpuInfo;
import dev.headroom.sizing.quant.GgmlType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Where {@code headroom bench} keeps its calibration: {@code calibration.json} in headroom's config
 * directory, which is, first that is set: the {@code headroom.config.dir} system property (tests), the
 * {@code HEADROOM_CONFIG_DIR} environment variable, {@code $XDG_CONFIG_HOME/headroom}, {@code ~/.config/headroom}.
 */
public final class CalibrationStore {
    public static final String SCHEMA = "headroom-calibration/1";
    /** A calibration file is a few hundred bytes; anything over 1 MiB is not one and is not read. */
    static final long MAX_FILE_BYTES = 1 << 20;

    private final Path file;

    public CalibrationStore(Path directory) {
        this.file = directory.resolve("calibration.json");
    }

    /** The store in the config directory this process resolves (see the class comment). */
    public static CalibrationStore forUser() {
        return new CalibrationStore(configDirectory(System.getenv(), System.getProperty("user.home", ".")));
    }

    /** headroom's config directory for this process (see the class comment). */
    public static Path userDirectory() {
        return configDirectory(System.getenv(), System.getProperty("user.home", "."));
    }

    static Path configDirectory(Map<String, String> env, String home) {
        String property = System.getProperty("headroom.config.dir");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String own = env.get("HEADROOM_CONFIG_DIR");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "headroom");
        }
        return Path.of(home, ".config", "headroom");
    }

    public Path file() {
        return file;
    }

    /** The calibration as the JSON object {@link #parse} reads. */
    public static ObjectNode toJson(Calibration c) {
        return ProfileJson.MAPPER.valueToTree(c);
    }

    /** Writes the calibration (atomically: a temporary file moved over the old one). */
    public void save(Calibration c) {
        ObjectNode root = ProfileJson.MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.set("calibration", ProfileJson.MAPPER.valueToTree(c));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "calibration", ".tmp");
            Files.writeString(tmp, ProfileJson.MAPPER.writeValueAsString(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("calibration: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The stored calibration, or null when there is none.
     *
     * @throws IllegalArgumentException naming the file and field when the file is not a valid calibration
     */
    public Calibration load() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = ProfileJson.MAPPER.readTree(BoundedFiles.readUtf8(file, MAX_FILE_BYTES, "calibration file"));
            if (root == null || !SCHEMA.equals(root.path("schema").asText())) {
                throw new IllegalArgumentException(file + ": schema: expected " + SCHEMA + ", was " + (root == null ? "empty" : root.path("schema")));
            }
            return parse(root.path("calibration")).requirePlausible(file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** The stored calibration when it was measured on a CPU of this name, else null (also when the file is unreadable). */
    public Calibration forCpu(CpuInfo cpu) {
        try {
            Calibration c = load();
            return c != null && c.cpuModel().equals(cpu.model()) ? c : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A calibration from its JSON object (the {@code calibration} field of the file or of a saved profile). */
    public static Calibration parse(JsonNode n) {
        Map<GgmlType, Double> rates = new EnumMap<>(GgmlType.class);
        JsonNode byFormat = n.path("decodeFlopsByFormat");
        for (Iterator<Map.Entry<String, JsonNode>> it = byFormat.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            rates.put(GgmlType.parse(e.getKey()), number(e.getValue(), "decodeFlopsByFormat." + e.getKey()));
        }
        return new Calibration(text(n, "measuredOn"), text(n, "cpuModel"), (int) number(n.path("threads"), "threads"), text(n, "kernels"),
                number(n.path("readBytesPerSecond"), "readBytesPerSecond"),
                number(n.path("readBytesPerSecondOneThread"), "readBytesPerSecondOneThread"),
                number(n.path("triadBytesPerSecond"), "triadBytesPerSecond"),
                number(n.path("nativeReadBytesPerSecond"), "nativeReadBytesPerSecond"),
                number(n.path("gemmFlopsPerSecond"), "gemmFlopsPerSecond"), rates,
                number(n.path("dispatchSeconds"), "dispatchSeconds"),
                n.path("engine").isTextual() ? n.path("engine").asText() : "");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string, was " + v);
        }
        return v.asText();
    }

    private static double number(JsonNode v, String field) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException(field + ": expected a number, was " + v);
        }
        return v.asDouble();
    }
}
