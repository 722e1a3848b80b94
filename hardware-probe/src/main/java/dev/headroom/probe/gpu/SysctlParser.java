package dev.headroom.probe.gpu;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses macOS {@code sysctl} output ({@code name: value} per line) into a map. Lines that are not
 * {@code name: value} ({@code sysctl: unknown oid ...}) are skipped; at most {@link #MAX_LINES} lines are read.
 */
public final class SysctlParser {
    static final int MAX_LINES = 10_000;

    private SysctlParser() {
    }

    public static Map<String, String> parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        if (output == null) {
            return values;
        }
        output.lines().limit(MAX_LINES).forEach(line -> {
            int colon = line.indexOf(": ");
            if (colon > 0 && !line.startsWith("sysctl:")) {
                String key = line.substring(0, colon).strip();
                if (key.matches("[A-Za-z0-9_.]+")) {
                    values.put(key, line.substring(colon + 2).strip());
                }
            }
        });
        return values;
    }

    /** A numeric value, or -1 when absent or not a number. */
    public static long number(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
