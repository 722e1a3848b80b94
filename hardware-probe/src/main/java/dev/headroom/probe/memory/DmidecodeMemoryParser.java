package dev.headroom.probe.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code dmidecode -t 17} (SMBIOS "Memory Device" records) into the installed modules, and
 * estimates peak RAM bandwidth before any calibration: configured speed (MT/s) × 8 bytes per transfer
 * (a 64-bit DIMM data path; DDR5's two 32-bit subchannels move the same 8 bytes) × populated modules,
 * assuming each module sits on its own channel. That is an upper bound: two DIMMs on one channel share it.
 */
public final class DmidecodeMemoryParser {
    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*(kB|KB|MB|GB|TB)");
    private static final Pattern SPEED = Pattern.compile("([0-9]+)\\s*(MT/s|MHz)");
    static final int MAX_CHARS = 1 << 20;

    private DmidecodeMemoryParser() {
    }

    /**
     * One populated module.
     *
     * @param sizeBytes module size
     * @param type {@code DDR4}, {@code DDR5}, {@code LPDDR5}, ...
     * @param speedMegatransfers configured speed in MT/s (the rated speed when no configured speed is listed), 0 when unknown
     */
    public record Module(long sizeBytes, String type, int speedMegatransfers) {
    }

    public static List<Module> parse(String output) {
        List<Module> modules = new ArrayList<>();
        if (output == null || output.length() > MAX_CHARS) {
            return modules;
        }
        for (String record : output.split("\\n\\s*\\n")) {
            if (!record.contains("Memory Device")) {
                continue;
            }
            long size = 0;
            String type = "";
            int configured = 0;
            int rated = 0;
            for (String raw : record.lines().toList()) {
                String line = raw.strip();
                if (line.startsWith("Size:")) {
                    size = size(line.substring(5));
                } else if (line.startsWith("Type:")) {
                    type = line.substring(5).strip();
                } else if (line.startsWith("Configured Memory Speed:") || line.startsWith("Configured Clock Speed:")) {
                    configured = speed(line.substring(line.indexOf(':') + 1));
                } else if (line.startsWith("Speed:")) {
                    rated = speed(line.substring(6));
                }
            }
            if (size > 0) {
                modules.add(new Module(size, type.equalsIgnoreCase("Unknown") ? "" : type, configured > 0 ? configured : rated));
            }
        }
        return modules;
    }

    /** Peak bandwidth in bytes per second from the modules (see class comment), 0 when no speed is known. */
    public static double bandwidthBytesPerSecond(List<Module> modules) {
        double total = 0;
        for (Module m : modules) {
            total += m.speedMegatransfers() * 1e6 * 8;
        }
        return total;
    }

    /** {@code "4 × DDR5 4800 MT/s"}, or empty when there are no modules. */
    public static String describe(List<Module> modules) {
        if (modules.isEmpty()) {
            return "";
        }
        Module first = modules.get(0);
        boolean same = modules.stream().allMatch(m -> m.type().equals(first.type()) && m.speedMegatransfers() == first.speedMegatransfers());
        String each = same ? (first.type() + " " + first.speedMegatransfers() + " MT/s").strip() : "mixed modules";
        return modules.size() + " × " + each;
    }

    private static long size(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.find()) {
            return 0;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "KB" -> n << 10;
            case "MB" -> n << 20;
            case "GB" -> n << 30;
            default -> n << 40;
        };
    }

    private static int speed(String text) {
        Matcher m = SPEED.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
